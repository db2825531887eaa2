import { GetRandomPasswordCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsCall } from '../../cluster/awsCall';
import { OnboardingError } from '../../errors';

/**
 * Characters a generated SCRAM password never contains, because the password ends up in places that
 * parse it, and a person may paste it into a terminal:
 * - `"` `'` `` ` `` `\` : quoting and escaping in `sasl.jaas.config` (`password="…";`), Java .properties
 *   (`\` escapes) and shells; Lambda's Kafka event source rejected SCRAM secrets holding `\`, `"` or `/`
 *   (https://github.com/aws/aws-cdk/issues/22813), hence `/` too;
 * - `;` ends a JAAS login-module entry; `=` `,` are SCRAM/SASL attribute separators (RFC 5802 escapes
 *   them in names) and `=` `:` split .properties keys from values;
 * - space, `$` `!` `&` `|` `<` `>` `(` `)` `*` `?` `[` `]` `{` `}` `~` `#` `%` `^` `@` `+` : shell
 *   expansion, globbing, history, comments, URL userinfo and form encoding.
 * What is left (letters, digits, `-`, `_`, `.`) gives 40 characters about 240 bits: length, not symbols,
 * is what makes it strong.
 */
export const SCRAM_PASSWORD_EXCLUDED_CHARACTERS = ' "\'`\\/;=,:$!&|<>()*?[]{}~#%^@+';

/** Length of generated SCRAM passwords (Secrets Manager's default is 32). */
export const SCRAM_PASSWORD_LENGTH = 40;

/** A fresh password from Secrets Manager's GetRandomPassword; callers must never log or return it. */
export async function generateScramPassword(secretsManager: SecretsManagerClient): Promise<string> {
  const out = await awsCall('GetRandomPassword', 'secretsmanager', () =>
    secretsManager.send(
      new GetRandomPasswordCommand({
        PasswordLength: SCRAM_PASSWORD_LENGTH,
        ExcludeCharacters: SCRAM_PASSWORD_EXCLUDED_CHARACTERS,
        IncludeSpace: false,
        RequireEachIncludedType: true,
      }),
    ),
  );
  if (!out.RandomPassword) throw new OnboardingError('GetRandomPassword returned no password');
  return out.RandomPassword;
}
