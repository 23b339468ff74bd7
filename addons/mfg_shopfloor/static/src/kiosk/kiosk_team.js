import { Component, onMounted, useState } from "@odoo/owl";

/** The team leader's view of the team today. */
export class KioskTeam extends Component {
    static template = "mfg_shopfloor.KioskTeam";
    static props = { kiosk: Object };

    setup() {
        this.state = useState({ loaded: false, members: [], problems: [], waiting: [] });
        onMounted(() => this.load());
    }

    async load() {
        const data = await this.props.kiosk.sessionCall("/mfg_shopfloor/team");
        this.state.members = data.members;
        this.state.problems = data.problems;
        this.state.waiting = data.not_self_assessed;
        this.state.loaded = true;
    }
}
