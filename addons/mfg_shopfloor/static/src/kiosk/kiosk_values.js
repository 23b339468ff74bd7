import { Component, onMounted, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";

/** The team leader enters the actual values of the team members' sheets (linear and
 * occurrence lines), one appraisal at a time. */
export class KioskValues extends Component {
    static template = "mfg_shopfloor.KioskValues";
    static props = { kiosk: Object };

    setup() {
        this.state = useState({ loaded: false, tasks: [], current: null, message: "" });
        onMounted(() => this.load());
    }

    async load() {
        this.state.tasks = await this.props.kiosk.sessionCall("/mfg_shopfloor/value_tasks");
        this.state.loaded = true;
    }

    open(task) {
        this.state.message = "";
        this.state.current = {
            ...task,
            lines: task.lines.map((line) => ({
                ...line,
                value: line.value === null ? "" : line.value,
                occurrences: line.occurrences === null ? "" : line.occurrences,
            })),
        };
    }

    onValue(line, key, ev) {
        const value = ev.target.value;
        line[key] = value === "" ? "" : Number(value);
    }

    async save() {
        const current = this.state.current;
        const values = current.lines.map((line) =>
            line.kind === "occurrence"
                ? {
                      id: line.id,
                      occurrences: line.occurrences === "" ? null : line.occurrences,
                      major_event: line.major_event,
                  }
                : { id: line.id, actual_value: line.value === "" ? null : line.value }
        );
        try {
            await this.props.kiosk.sessionCall("/mfg_shopfloor/values", {
                appraisal_id: current.id,
                values,
            });
        } catch {
            return;
        }
        this.state.current = null;
        this.state.message = _t("Values saved.");
        await this.load();
    }
}
