/** What the pane needs from the engine, bundled as one chunk loaded on demand (see engine.ts). */
export { analyse, generate, STEP_LABELS } from '../core/pipeline';
export { renderMappingSheet } from '../core/read';
