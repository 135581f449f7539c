import { bulkSelectionSchema } from "./bulkSyncPreview.schema";

export const bulkSyncSchema = bulkSelectionSchema;
