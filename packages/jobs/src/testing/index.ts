export { startTestMongo, type TestMongo } from "./mongo";
export { eventually, sleep } from "./eventually";
