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
                initial_major_event: line.major_event,
            })),
        };
    }

    onValue(line, key, ev) {
        const value = ev.target.value;
        line[key] = value === "" ? "" : Number(value);
    }

    async save() {
        const current = this.state.current;
        // Only what was entered: an untouched line stays without a value.
        const values = [];
        for (const line of current.lines) {
            if (line.kind === "occurrence") {
                const entry = { id: line.id };
                if (line.occurrences !== "") {
                    entry.occurrences = line.occurrences;
                }
                if (line.occurrences !== "" || line.major_event !== line.initial_major_event) {
                    entry.major_event = line.major_event;
                }
                if (Object.keys(entry).length > 1) {
                    values.push(entry);
                }
            } else if (line.value !== "") {
                values.push({ id: line.id, actual_value: line.value });
            }
        }
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
