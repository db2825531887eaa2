/**
 * Imported for its effect by every module validating with `zod/mini`: zod/mini leaves the locale unset (every
 * message "Invalid input"), classic zod sets English. With this, both give the same messages. We use zod/mini in
 * all Lambda code for bundle weight (issue 12: classic zod, with its JSON-Schema code, was ~105 KB of a bundle;
 * zod/mini is ~33–39 KB).
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
