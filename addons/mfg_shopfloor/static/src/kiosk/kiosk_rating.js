import { Component, onMounted, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";

/** Scores to give: the self-assessment and the team members to rate, one entry at a time. */
export class KioskRating extends Component {
    static template = "mfg_shopfloor.KioskRating";
    static props = { kiosk: Object };

    setup() {
        this.state = useState({ loaded: false, tasks: [], current: null, message: "" });
        onMounted(() => this.load());
    }

    async load() {
        this.state.tasks = await this.props.kiosk.sessionCall("/mfg_shopfloor/rating_tasks");
        this.state.loaded = true;
    }

    open(task) {
        this.state.message = "";
        this.state.current = {
            ...task,
            self_report: task.self_report || "",
            lines: task.lines.map((line) => ({ ...line, score: line.score === null ? "" : line.score })),
        };
    }

    setScore(line, score) {
        line.score = score;
    }

    onInput(line, ev) {
        const value = ev.target.value;
        line.score = value === "" ? "" : Number(value);
    }

    get quickScores() {
        return [60, 70, 80, 90, 100];
    }

    async save(submit) {
        const current = this.state.current;
        try {
            await this.props.kiosk.sessionCall("/mfg_shopfloor/rate", {
                rater_id: current.id,
                scores: current.lines.map((line) => ({
                    id: line.id,
                    score: line.score === "" ? null : line.score,
                })),
                submit,
                self_report: current.role === "self" ? current.self_report : null,
            });
        } catch {
            return;
        }
        this.state.current = null;
        this.state.message = submit ? _t("Scores submitted.") : _t("Scores saved.");
        await this.load();
    }
}
