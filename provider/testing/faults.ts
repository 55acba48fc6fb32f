/**
 * Chooses which injected fault, if any, a request gets.
 */
import { seededRandom } from "./prng";
import type { Fault, FaultMatch, FaultRule, Rpc } from "./types";

/** The facts about a request that fault rules match on. */
export interface FaultSubject {
    rpc?: Rpc;
    operation?: string;
    hostname: string;
}

interface LiveRule {
    rule: FaultRule;
    /** Next index into `sequence`. */
    next: number;
    /** Faults injected so far by a `fault` rule. */
    injected: number;
}

function matchesSubject(match: FaultMatch | undefined, subject: FaultSubject): boolean {
    if (!match) return true;
    if (match.rpc !== undefined && match.rpc !== subject.rpc) return false;
    if (match.operation !== undefined && match.operation !== subject.operation) return false;
    if (match.host !== undefined && match.host !== subject.hostname) return false;
    return true;
}

/** Holds fault rules in the order they were added; the first rule that fires wins. */
export class FaultInjector {
    private rules: LiveRule[] = [];
    private random: () => number;

    constructor(randomSeed: number) {
        this.random = seededRandom(randomSeed);
    }

    add(rule: FaultRule): void {
        this.rules.push({ rule, next: 0, injected: 0 });
    }

    clear(): void {
        this.rules = [];
    }

    /** The fault for this request, or undefined to answer normally. */
    pick(subject: FaultSubject): Fault | undefined {
        for (const live of this.rules) {
            if (!matchesSubject(live.rule.match, subject)) continue;
            const { sequence, fault, rate, times } = live.rule;
            if (sequence) {
                if (live.next >= sequence.length) continue;
                const f = sequence[live.next++];
                if (f.kind === "none") return undefined;
                return f;
            }
            if (!fault) continue;
            if (times !== undefined && live.injected >= times) continue;
            if (rate !== undefined && this.random() >= rate) continue;
            live.injected++;
            return fault.kind === "none" ? undefined : fault;
        }
        return undefined;
    }
}
