import { describe, expect, it } from "vitest";
import { jobsBackendDescription, jobsStoreFor } from "./store";

describe("jobsStoreFor", () => {
  it("keeps jobs in PostgreSQL when JOBS_DB_URL is unset or blank", () => {
    expect(jobsStoreFor(undefined)).toBe("postgres");
    expect(jobsStoreFor("  ")).toBe("postgres");
  });

  it("chooses MongoDB for mongodb:// and mongodb+srv:// URLs", () => {
    expect(jobsStoreFor("mongodb://127.0.0.1:27017/askpro")).toBe("mongodb");
    expect(jobsStoreFor("mongodb+srv://user:pw@cluster0.example.net/askpro")).toBe("mongodb");
  });

  it("rejects other URLs naming only their scheme, never the password", () => {
    expect(() => jobsStoreFor("redis://user:s3cret@cache:6379")).toThrow(/mongodb:\/\/.*got a redis: URL/);
    expect(() => jobsStoreFor("redis://user:s3cret@cache:6379")).not.toThrow(/s3cret/);
  });
});

describe("jobsBackendDescription", () => {
  it("labels the PostgreSQL store", () => {
    expect(jobsBackendDescription(undefined)).toBe("PostgreSQL (the application database)");
  });

  it("names MongoDB hosts and database without credentials or options", () => {
    const label = jobsBackendDescription("mongodb://jobs:s3cret@db1:27017,db2:27017/askpro?replicaSet=rs0&authSource=admin");
    expect(label).toBe("MongoDB (mongodb://db1:27017,db2:27017/askpro)");
    expect(jobsBackendDescription("mongodb+srv://u:p@cluster0.example.net")).toBe("MongoDB (mongodb+srv://cluster0.example.net)");
  });
});
