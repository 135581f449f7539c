import { describe, expect, it } from "vitest";
import { packageOf } from "./profile";

describe("packageOf", () => {
  it("names npm packages, scoped or not", () => {
    expect(packageOf("file:///work/main/node_modules/@mikro-orm/core/entity/EntityFactory.js", "create")).toBe("@mikro-orm/core");
    expect(packageOf("file:///work/main/node_modules/pg/lib/client.js", "query")).toBe("pg");
  });

  it("names a package nested in another's node_modules after itself", () => {
    expect(packageOf("file:///work/main/node_modules/@mikro-orm/postgresql/node_modules/pg/lib/client.js", "query")).toBe("pg");
  });

  it("tells our bundles, Node's internals and V8's own entries apart", () => {
    expect(packageOf("file:///work/main/bench/dist/api/main.js", "listHandler")).toBe("api bundle (our code)");
    expect(packageOf("node:internal/streams/writable", "onwrite")).toBe("node internals");
    expect(packageOf("", "(garbage collector)")).toBe("(garbage collector)");
    expect(packageOf("", "writeBuffer")).toBe("(native)");
  });
});
