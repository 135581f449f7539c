export { startTestMongo, type TestMongo } from "./mongo";
