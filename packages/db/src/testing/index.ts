export { createTestDatabase, type TestDatabase } from "./test-database";
export { createTestOrm, type TestOrm } from "./test-orm";
