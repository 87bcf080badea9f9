/** vitest setup file of the unit project: each test file starts with its own `NOW` (fixtures.ts). */
import { resetNow } from "./fixtures";

resetNow();
