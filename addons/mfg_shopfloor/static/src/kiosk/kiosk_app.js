import { App, Component, onMounted, onWillUnmount, useRef, useState, whenReady } from "@odoo/owl";
import { makeEnv, startServices } from "@web/env";
import { getTemplate } from "@web/core/templates";
import { appTranslateFn } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { KioskChecklist } from "./kiosk_checklist";
import { KioskResults } from "./kiosk_results";
import { KioskRating } from "./kiosk_rating";
import { KioskTeam } from "./kiosk_team";
import { KioskValues } from "./kiosk_values";

/** Message of a failed call, for the operator. */
export function errorMessage(error) {
    return (error && error.data && error.data.message) || (error && error.message) || String(error);
}

/**
 * The workshop kiosk: idle screen (badge or PIN), then the identified employee's home with
 * their screens, back to idle when they leave or stop touching the screen for a while.
 */
export class KioskApp extends Component {
    static template = "mfg_shopfloor.KioskApp";
    static components = { KioskChecklist, KioskResults, KioskRating, KioskTeam, KioskValues };
    static props = { info: Object };

    setup() {
        this.info = this.props.info;
        this.badgeRef = useRef("badge");
        this.state = useState({
            screen: "idle",
            badge: "",
            pin: "",
            employees: [],
            filter: "",
            picked: null,
            employee: null,
            error: "",
            locked: 0,
            idleLeft: 0,
            busy: false,
        });
        this.session = null;
        this.lastTouch = Date.now();
        const touch = () => (this.lastTouch = Date.now());
        const events = ["pointerdown", "keydown", "input", "scroll"];
        if (this.info.login) {
            // Logged in with one's own account (/mfg_shopfloor/my): already identified.
            this.session = this.info.login.session;
            this.state.employee = {
                ...this.info.login.employee,
                idle_seconds: this.info.login.idle_seconds,
            };
            this.state.screen = "home";
        }
        onMounted(() => {
            events.forEach((name) => window.addEventListener(name, touch, true));
            this.timer = setInterval(() => this.tick(), 1000);
            this.focusBadge();
        });
        onWillUnmount(() => {
            events.forEach((name) => window.removeEventListener(name, touch, true));
            clearInterval(this.timer);
        });
    }

    // ------------------------------------------------------------------
    // Idle timer
    // ------------------------------------------------------------------
    tick() {
        if (this.state.locked > 0) {
            this.state.locked -= 1;
        }
        if (!this.session) {
            if (this.state.screen !== "idle" && Date.now() - this.lastTouch > this.info.idle_seconds * 1000) {
                this.toIdle();
            }
            return;
        }
        const left = Math.ceil((this.lastTouch + this.idleSeconds * 1000 - Date.now()) / 1000);
        this.state.idleLeft = left;
        if (left <= 0) {
            this.logout();
        }
    }

    get idleSeconds() {
        return (this.state.employee && this.state.employee.idle_seconds) || this.info.idle_seconds;
    }

    focusBadge() {
        if (this.state.screen === "idle" && this.badgeRef.el) {
            this.badgeRef.el.focus();
        }
    }

    toIdle() {
        if (this.info.login) {
            // Signed out (or the session closed): back to the backend.
            this.session = null;
            window.location.assign("/odoo");
            return;
        }
        Object.assign(this.state, {
            screen: "idle",
            badge: "",
            pin: "",
            picked: null,
            employee: null,
            filter: "",
            idleLeft: 0,
        });
        this.session = null;
        setTimeout(() => this.focusBadge(), 0);
    }

    // ------------------------------------------------------------------
    // Calls
    // ------------------------------------------------------------------
    async call(route, params = {}) {
        this.state.busy = true;
        try {
            return await rpc(route, { token: this.info.token, ...params });
        } finally {
            this.state.busy = false;
        }
    }

    /** A call on behalf of the identified employee; a closed session goes back to idle. */
    async sessionCall(route, params = {}) {
        this.state.error = "";
        try {
            return await this.call(route, { session: this.session, ...params });
        } catch (error) {
            if (error.data && error.data.name === "odoo.exceptions.AccessDenied") {
                this.toIdle();
            }
            this.state.error = errorMessage(error);
            throw error;
        }
    }

    // ------------------------------------------------------------------
    // Identification
    // ------------------------------------------------------------------
    async identify(params) {
        this.state.error = "";
        let result;
        try {
            result = await this.call("/mfg_shopfloor/identify", params);
        } catch (error) {
            this.state.error = errorMessage(error);
            return;
        }
        if (result.error) {
            this.state.error = result.error;
            this.state.locked = result.locked || 0;
            this.state.badge = "";
            this.state.pin = "";
            return;
        }
        this.session = result.session;
        this.state.employee = { ...result.employee, idle_seconds: result.idle_seconds };
        this.state.badge = "";
        this.state.pin = "";
        this.state.screen = "home";
        this.lastTouch = Date.now();
    }

    onBadgeSubmit(ev) {
        ev.preventDefault();
        const badge = this.state.badge.trim();
        if (badge) {
            this.identify({ badge });
        }
    }

    async openPicker() {
        this.state.error = "";
        try {
            this.state.employees = await this.call("/mfg_shopfloor/employees");
        } catch (error) {
            this.state.error = errorMessage(error);
            return;
        }
        this.state.screen = "pick";
    }

    get filteredEmployees() {
        const filter = this.state.filter.trim().toLowerCase();
        return this.state.employees.filter((emp) => !filter || emp.name.toLowerCase().includes(filter));
    }

    pick(employee) {
        this.state.picked = employee;
        this.state.pin = "";
        this.state.error = "";
        this.state.screen = "pin";
    }

    pressDigit(digit) {
        if (this.state.pin.length < 12) {
            this.state.pin += digit;
        }
    }

    erasePin() {
        this.state.pin = this.state.pin.slice(0, -1);
    }

    submitPin() {
        if (this.state.pin && this.state.picked) {
            this.identify({ employee_id: this.state.picked.id, pin: this.state.pin });
        }
    }

    async logout() {
        const session = this.session;
        if (this.info.login) {
            try {
                await this.call("/mfg_shopfloor/logout", { session });
            } finally {
                this.toIdle();
            }
            return;
        }
        this.toIdle();
        if (session) {
            try {
                await this.call("/mfg_shopfloor/logout", { session });
            } catch {
                // The session closes by itself on the server when idle.
            }
        }
    }

    open(screen) {
        this.state.error = "";
        this.state.screen = screen;
    }

    get digits() {
        return ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
    }
}

export async function startShopfloorKiosk() {
    await whenReady();
    const root = document.getElementById("mfg_kiosk_root");
    const info = JSON.parse(root.dataset.kiosk);
    const env = makeEnv();
    await startServices(env);
    const app = new App(KioskApp, {
        getTemplate,
        env,
        props: { info },
        dev: env.debug,
        translateFn: appTranslateFn,
        translatableAttributes: ["data-tooltip"],
    });
    return app.mount(root);
}
