import { Component, onMounted, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";

const MAX_SIDE = 1600;

/** Read a photo from the camera input, made smaller for the network, as base64. */
export async function readPhoto(file) {
    const dataUrl = await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
    });
    let data = dataUrl;
    try {
        const image = await new Promise((resolve, reject) => {
            const img = new Image();
            img.onload = () => resolve(img);
            img.onerror = reject;
            img.src = dataUrl;
        });
        const scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
        if (scale < 1) {
            const canvas = document.createElement("canvas");
            canvas.width = Math.round(image.width * scale);
            canvas.height = Math.round(image.height * scale);
            canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
            data = canvas.toDataURL("image/jpeg", 0.85);
        }
    } catch {
        // Not an image the browser can draw: send it as it is, the server decides.
    }
    return { name: file.name || "photo.jpg", data, preview: data };
}

/** Today's duty checklists of the identified employee: answer, or report a problem. */
export class KioskChecklist extends Component {
    static template = "mfg_shopfloor.KioskChecklist";
    static props = { kiosk: Object };

    setup() {
        this.state = useState({
            loaded: false,
            runs: [],
            kinds: [],
            problemItem: null,
            note: "",
            kind: "",
            photo: null,
            donePhotoItem: null,
            message: "",
        });
        // Loaded once shown: the call changes the kiosk's state, which renders this again.
        onMounted(() => this.load());
    }

    get kiosk() {
        return this.props.kiosk;
    }

    async load() {
        const data = await this.kiosk.sessionCall("/mfg_shopfloor/checklist");
        this.state.runs = data.runs;
        this.state.kinds = data.kinds;
        this.state.loaded = true;
    }

    async answer(item, result, photo = null) {
        this.state.message = "";
        try {
            await this.kiosk.sessionCall("/mfg_shopfloor/answer", {
                item_id: item.id,
                result,
                photo: photo && { name: photo.name, data: photo.data },
            });
        } catch {
            return;
        }
        await this.load();
    }

    markDone(item) {
        if (item.evidence === "photo" && !item.photo_count) {
            this.state.donePhotoItem = item;
            return;
        }
        this.answer(item, "done");
    }

    async onDonePhoto(ev) {
        const file = ev.target.files && ev.target.files[0];
        const item = this.state.donePhotoItem;
        if (!file || !item) {
            return;
        }
        const photo = await readPhoto(file);
        this.state.donePhotoItem = null;
        await this.answer(item, "done", photo);
    }

    openProblem(item) {
        Object.assign(this.state, {
            problemItem: item,
            note: "",
            kind: this.state.kinds.length ? this.defaultKind : "",
            photo: null,
            message: "",
        });
    }

    get defaultKind() {
        const kinds = this.state.kinds.map((kind) => kind.kind);
        return kinds.includes("maintenance") ? "maintenance" : kinds[0];
    }

    closeProblem() {
        this.state.problemItem = null;
    }

    async onProblemPhoto(ev) {
        const file = ev.target.files && ev.target.files[0];
        if (file) {
            this.state.photo = await readPhoto(file);
        }
    }

    async submitProblem() {
        const item = this.state.problemItem;
        if (!this.state.note.trim()) {
            this.kiosk.state.error = _t("Describe the problem you found.");
            return;
        }
        let result;
        try {
            result = await this.kiosk.sessionCall("/mfg_shopfloor/problem", {
                item_id: item.id,
                note: this.state.note,
                kind: this.state.kind,
                photo: this.state.photo && { name: this.state.photo.name, data: this.state.photo.data },
            });
        } catch {
            return;
        }
        this.state.problemItem = null;
        this.state.message = _t("Reported: %(followup)s", { followup: result.followup });
        await this.load();
    }

    progress(run) {
        return run.item_count ? Math.round((100 * run.checked_count) / run.item_count) : 0;
    }
}
