import { hash, verify } from "@node-rs/argon2";

// argon2id (the @node-rs/argon2 default algorithm) with OWASP's recommended minimum for it:
// 19 MiB of memory, 2 passes, 1 lane. About 20 ms per hash on one core here.
const ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
