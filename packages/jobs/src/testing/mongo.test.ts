import { describe, expect, it } from "vitest";
import { withDatabase } from "./mongo";

describe("withDatabase", () => {
  it("replaces the database and keeps credentials, hosts and options", () => {
    expect(withDatabase("mongodb://u:p@h1:1,h2:2/old?replicaSet=rs0", "fresh")).toBe("mongodb://u:p@h1:1,h2:2/fresh?replicaSet=rs0");
    expect(withDatabase("mongodb://127.0.0.1:27017", "fresh")).toBe("mongodb://127.0.0.1:27017/fresh");
    expect(withDatabase("mongodb+srv://c.example.net/?tls=true", "fresh")).toBe("mongodb+srv://c.example.net/fresh?tls=true");
  });
});
