import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ImportDialog } from "./import-dialog";

/** "Import from Cal.com" on the services list; the dialog reads Cal.com only while it is open. */
export function ImportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t("importDialog.button")}
      </button>
      {open && <ImportDialog open={open} onOpenChange={setOpen} />}
    </>
  );
}
