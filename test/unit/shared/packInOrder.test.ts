import { packInOrder } from '../../../tasks/shared/packInOrder';

const size = (n: number) => n;

describe('packInOrder', () => {
  it('keeps everything in one run when both limits hold', () => {
    // Act
    const runs = packInOrder([1, 2, 3], size, { maxItems: 3, maxBytes: 6 });

    // Assess
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('closes a run when the next item would pass the byte limit or the count limit', () => {
    // Act
    const bySize = packInOrder([4, 3, 2, 5], size, { maxBytes: 7 });
    const byCount = packInOrder([1, 1, 1, 1, 1], size, { maxItems: 2, maxBytes: 100 });

    // Assess
    expect(bySize).toEqual([
      [4, 3],
      [2, 5],
    ]);
    expect(byCount).toEqual([[1, 1], [1, 1], [1]]);
  });

  it('gives an item larger than the byte limit a run of its own instead of dropping it', () => {
    // Act
    const runs = packInOrder([1, 50, 2], size, { maxBytes: 10 });

    // Assess
    expect(runs).toEqual([[1], [50], [2]]);
    expect(runs.flat()).toEqual([1, 50, 2]);
  });
});
