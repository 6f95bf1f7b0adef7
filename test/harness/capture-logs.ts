/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface CapturedLogs {
	/** Every message logged, as "level: message". */
	lines(): string[];
	restore(): void;
}

interface Container {
	get(token: unknown): unknown;
	set(token: unknown, value: unknown): void;
}

/**
 * n8n-core ships its own copies of @n8n/di and @n8n/backend-common (in its node_modules), and its
 * contexts' `this.logger` is `Container.get(Logger)` from those copies: load the same ones.
 */
function coreDi(): { Container: Container; Logger: unknown } {
	const fromPackage = createRequire(join(process.cwd(), 'package.json'));
	const fromCore = createRequire(fromPackage.resolve('n8n-core'));
	const { Container } = fromCore('@n8n/di') as { Container: Container };
	const { Logger } = fromCore('@n8n/backend-common') as { Logger: unknown };
	return { Container, Logger };
}

/**
 * Captures (and silences) what nodes log through `this.logger`. The contexts look the Logger up in
 * the DI container on every use, so a recording logger put in the container sees every call. (The
 * real Logger's methods cannot be spied on: some are non-configurable.)
 */
export function captureLogs(): CapturedLogs {
	const { Container, Logger } = coreDi();
	const original = Container.get(Logger);
	const lines: string[] = [];
	const record =
		(level: string) =>
		(message: unknown, meta?: unknown): void => {
			lines.push(
				`${level}: ${String(message)}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`,
			);
		};
	const recorder = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => recorder,
	};
	Container.set(Logger, recorder);
	return {
		lines: () => [...lines],
		restore: () => Container.set(Logger, original),
	};
}
