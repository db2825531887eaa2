import { Admin, alterUserScramCredentialsV0 } from '@platformatic/kafka';
it('loads', () => { expect(typeof Admin).toBe('function'); expect(alterUserScramCredentialsV0.api.key).toBe(51); });
