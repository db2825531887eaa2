import { randomInt } from 'node:crypto';

/**
 * Letters, digits, `-`, `_`, `.`: nothing that JAAS (`password="…";`), Java .properties, SCRAM attribute
 * syntax (`,` `=`), shells or URLs would parse (the same set as the MSK path's GetRandomPassword,
 * credentials/msk/password.ts).
 */
export const SCRAM_PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

/** 40 characters of a 65-character alphabet: about 240 bits. */
export const SCRAM_PASSWORD_LENGTH = 40;

/** A fresh random SCRAM password (crypto.randomInt, unbiased); never log or return it. */
export function randomScramPassword(length = SCRAM_PASSWORD_LENGTH): string {
  return Array.from(
    { length },
    () => SCRAM_PASSWORD_ALPHABET[randomInt(SCRAM_PASSWORD_ALPHABET.length)],
  ).join('');
}
