/** A document lacks the `<!-- <marker>:start -->` … `<!-- <marker>:end -->` pair to replace (or has it twice). */
export class MarkerNotFoundError extends Error {
  readonly marker: string;

  constructor(marker: string, problem: string) {
    super(
      `Marker block '${marker}' ${problem}: expected exactly one <!-- ${marker}:start --> before one <!-- ${marker}:end -->`,
    );
    this.name = 'MarkerNotFoundError';
    this.marker = marker;
  }
}
