import { Inject, Injectable } from '@nestjs/common';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import {
  applySopOverlay,
  overlayFileProblems,
  type CaseOverlay,
  type OverlayFile,
  type SopDefinition,
} from '@waymark/contracts';
import { SOPS } from '@waymark/workflows/sops';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Reads and checks an overlay file; throws one error naming the file and every `key: reason` found. */
export function loadOverlayFile(
  path: string,
  sops: readonly SopDefinition[] = SOPS,
): { file: OverlayFile; digest: string } {
  let text: string;
  let parsed: unknown;
  try {
    text = readFileSync(path, 'utf8');
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `SOP_OVERLAY_FILE ${path} could not be read as JSON (${err instanceof Error ? err.message : 'error'})`,
    );
  }
  const problems = overlayFileProblems(parsed, sops);
  if (problems.length > 0)
    throw new Error(`SOP_OVERLAY_FILE ${path} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { file: parsed as OverlayFile, digest: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}

/**
 * The deployment's jurisdiction overlay (SOP_OVERLAY_FILE), loaded and checked once at start: the API serves, validates
 * and starts cases against the SOPs as overlaid, and records the overlay in each new case's start input.
 */
@Injectable()
export class SopOverlays {
  private readonly loaded?: { file: OverlayFile; digest: string };
  private readonly sops: readonly SopDefinition[];

  constructor(@Inject(WAYMARK_CONFIG) config: WaymarkConfig) {
    const path = config.env.SOP_OVERLAY_FILE;
    if (path) this.loaded = loadOverlayFile(path);
    this.sops = SOPS.map((s) => applySopOverlay(s, this.loaded?.file.sops[s.id]));
  }

  /** Every SOP as this deployment runs new cases of it. */
  all(): readonly SopDefinition[] {
    return this.sops;
  }

  sop(id: string): SopDefinition | undefined {
    return this.sops.find((s) => s.id === id);
  }

  /** The overlay's name and digest, or undefined when the deployment runs the declarations as they are. */
  summary(): { name: string; digest: string } | undefined {
    return this.loaded ? { name: this.loaded.file.name, digest: this.loaded.digest } : undefined;
  }

  /** What a new case of `sopId` records (the part for its SOP), or undefined without an overlay. */
  forCase(sopId: string): CaseOverlay | undefined {
    if (!this.loaded) return undefined;
    const sop = this.loaded.file.sops[sopId];
    return { name: this.loaded.file.name, digest: this.loaded.digest, ...(sop ? { sop } : {}) };
  }
}
