import { Component, onMounted, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";

/** My results: KPIs of the current and last period against target, published appraisals. */
export class KioskResults extends Component {
    static template = "mfg_shopfloor.KioskResults";
    static props = { kiosk: Object };

    setup() {
        this.state = useState({
            loaded: false,
            kpi: { periods: [], kpis: [] },
            appraisals: [],
            appealFor: null,
            reason: "",
            message: "",
        });
        onMounted(() => this.load());
    }

    async load() {
        const data = await this.props.kiosk.sessionCall("/mfg_shopfloor/results");
        this.state.kpi = data.kpi;
        this.state.appraisals = data.appraisals;
        this.state.loaded = true;
    }

    format(value) {
        return value === null || value === undefined ? "—" : String(value);
    }

    openAppeal(appraisal) {
        this.state.appealFor = appraisal;
        this.state.reason = "";
    }

    async submitAppeal() {
        if (!this.state.reason.trim()) {
            this.props.kiosk.state.error = _t("Give the reason of your appeal.");
            return;
        }
        try {
            await this.props.kiosk.sessionCall("/mfg_shopfloor/appeal", {
                appraisal_id: this.state.appealFor.id,
                reason: this.state.reason,
            });
        } catch {
            return;
        }
        this.state.appealFor = null;
        this.state.message = _t("Your appeal was sent to HR.");
        await this.load();
    }
}
