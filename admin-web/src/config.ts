/** Runtime configuration: public/config.json is fetched at start so a deployment can point at its API without a rebuild. */
export interface AppConfig {
  apiBaseUrl: string;
}

const DEFAULT_API_BASE = '/api';

function fromBuild(): string {
  const value: unknown = import.meta.env.VITE_API_BASE_URL;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_API_BASE;
}

export async function loadConfig(): Promise<AppConfig> {
  try {
    // Bounded: a config.json that never answers must not leave the panel blank.
    const response = await fetch('/config.json', { cache: 'no-store', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
    if (response.ok) {
      const json = (await response.json()) as Partial<AppConfig>;
      if (typeof json.apiBaseUrl === 'string' && json.apiBaseUrl.trim() !== '') {
        return { apiBaseUrl: json.apiBaseUrl.trim() };
      }
    }
  } catch {
    // No config.json (or not JSON): use the build-time value.
  }
  return { apiBaseUrl: fromBuild() };
}
