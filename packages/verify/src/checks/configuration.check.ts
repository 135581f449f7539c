import { jobsBackendDescription } from "@askpro/jobs";
import { type Check, fail, pass } from "../check";
import { describeSecret } from "../secrets";

export const configurationCheck: Check = {
  id: "configuration",
  title: "Configuration",
  async run({ settings }) {
    if (settings.problems.length > 0) {
      return fail(settings.problems.join("; "), "correct these variables in the environment of the api, the worker and verify");
    }
    const calcom = settings.calcom;
    const calcomText =
      calcom?.source === "dev-sandbox"
        ? `Cal.com: CALCOM_API_KEY unset, so the sandbox of npm run dev at ${calcom.apiUrl}`
        : `Cal.com: ${calcom?.apiUrl}, CALCOM_API_KEY ${describeSecret(calcom?.apiKey)}`;
    return pass(
      [
        `NODE_ENV=${settings.nodeEnv}`,
        `jobs in ${jobsBackendDescription(settings.jobsDbUrl)}`,
        calcomText,
        settings.appSecretSource === "data-dir" ? "APP_SECRET unset, so the development secret of the data dir" : `APP_SECRET ${describeSecret(settings.appSecret)}`,
      ].join("; "),
    );
  },
};
