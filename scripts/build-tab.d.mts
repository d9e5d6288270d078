/** Types of scripts/build-tab.mjs for the TypeScript callers (the browser test). */
export declare const TAB_OUT_DIR: string;
export declare const TAB_ENTRY_POINTS: Readonly<Record<'side-panel' | 'session-log' | 'reports', string>>;
export declare function buildTab(options?: { readonly dev?: boolean; readonly outdir?: string }): Promise<string[]>;
