import {
  randomScramPassword,
  SCRAM_PASSWORD_ALPHABET,
} from '../../../../tasks/onboarding/credentials/selfManaged/password';
import { saltedPassword } from '../../../../tasks/onboarding/credentials/selfManaged/scramAdmin';

describe('saltedPassword', () => {
  it('is PBKDF2-HMAC-SHA-512 with a 64-byte output (published test vector)', () => {
    // Prepare
    const salt = Buffer.from('salt');

    // Act
    const salted = saltedPassword('password', salt, 1);

    // Assess
    expect(salted.toString('hex')).toBe(
      '867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252' +
        'c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce',
    );
  });
});

describe('randomScramPassword', () => {
  it('gives 40 characters that JAAS, properties files and shells take literally, different each time', () => {
    // Prepare
    const count = 50;

    // Act
    const passwords = Array.from({ length: count }, () => randomScramPassword());

    // Assess
    expect(new Set(passwords).size).toBe(count);
    for (const password of passwords) {
      expect(password).toHaveLength(40);
      expect([...password].every((c) => SCRAM_PASSWORD_ALPHABET.includes(c))).toBe(true);
      expect(password).not.toMatch(/["'`\\;=,:$\s/]/);
    }
  });
});
