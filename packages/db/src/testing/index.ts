export { createTestDatabase, type TestDatabase } from "./test-database";
export { createTestOrm, seedDemoData, TEST_APP_SECRET, type TestOrm } from "./test-orm";
