import type { ServiceInfo } from "../../provider/google/registry/types";

/**
 * A service table made from the registry: `full` lists every operation name form (docs/services.md);
 * otherwise the first form and how many more (README.md).
 */
export function renderServiceTable(services: readonly ServiceInfo[], full = false): string {
    const rows = services.map((s) => {
        const host = s.scope === "regional" ? `\`{location}-${s.key}.googleapis.com\`` : `\`${s.key}.googleapis.com\``;
        const shape = s.shape === "longrunning" ? "google.longrunning" : s.shape === "container" ? "GKE `Operation`" : "`sql#operation`";
        const forms = full ? s.templates : s.templates.slice(0, 1);
        const more = full || s.templates.length === 1 ? "" : ` (+${s.templates.length - 1})`;
        const names = forms.map((t) => `\`${t}\``).join("<br>") + more;
        return `| \`${s.key}\` | ${s.title} | ${s.apiVersion} | ${host} | ${shape} | ${names} |`;
    });
    return ["| service | product | version | host | operation shape | operation names |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
