const STATUS_NAMES: Record<number, [code: string, error: string]> = {
  400: ["BadRequestException", "Bad Request"],
  401: ["UnauthorizedException", "Unauthorized"],
  403: ["ForbiddenException", "Forbidden"],
  404: ["NotFoundException", "Not Found"],
  409: ["ConflictException", "Conflict"],
  429: ["ThrottlerException", "Too Many Requests"],
  500: ["InternalServerErrorException", "Internal Server Error"],
  502: ["BadGatewayException", "Bad Gateway"],
  503: ["ServiceUnavailableException", "Service Unavailable"],
  504: ["GatewayTimeoutException", "Gateway Timeout"],
};

/** A failure answered in Cal.com's error envelope; `code` is the name of the Nest exception Cal.com throws. */
export class SandboxHttpError extends Error {
  readonly code: string;
  readonly details: unknown;

  constructor(
    readonly status: number,
    message: string,
    details?: unknown,
  ) {
    super(message);
    const [code, error] = STATUS_NAMES[status] ?? ["HttpException", "Error"];
    this.code = code;
    this.details = details ?? { message, error, statusCode: status };
  }
}

export function errorEnvelope(error: SandboxHttpError, path: string) {
  return {
    status: "error",
    timestamp: new Date().toISOString(),
    path,
    error: { code: error.code, message: error.message, details: error.details },
  };
}
