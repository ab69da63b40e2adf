/**
 * Where the add-in is hosted. The manifest in the repository points at the development server
 * (https://localhost:3000); a build for a school sets PILOTE_AP_URL (e.g. https://ent.lycee.fr/pilote-ap)
 * and every URL of the built manifest then uses that address.
 */

export const DEVELOPMENT_URL = 'https://localhost:3000';

/** The hosting address from PILOTE_AP_URL, without a trailing slash; null when unset (development build). */
export function deploymentBase(value = process.env.PILOTE_AP_URL) {
  const raw = (value ?? '').trim();
  if (!raw) return null;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PILOTE_AP_URL « ${raw} » n’est pas une adresse web (exemple : https://ent.lycee.fr/pilote-ap).`);
  }
  if (url.protocol !== 'https:') throw new Error(`PILOTE_AP_URL « ${raw} » doit commencer par https:// : Office n’accepte que des compléments en HTTPS.`);
  if (url.search || url.hash) throw new Error(`PILOTE_AP_URL « ${raw} » ne doit contenir ni « ? » ni « # ».`);
  if (/^(localhost|127\.|\[::1\])/i.test(url.hostname)) throw new Error(`PILOTE_AP_URL « ${raw} » désigne cette machine : indiquez l’adresse du serveur de l’établissement.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The manifest with every development URL replaced by `base`; AppDomains get the origin only.
 * Throws when a `localhost` address remains, so a production build can never ship one.
 */
export function rewriteManifest(xml, base) {
  const origin = new URL(base).origin;
  const rewritten = xml
    .replace(/<AppDomain>\s*https:\/\/localhost:3000\s*<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .split(DEVELOPMENT_URL)
    .join(base);
  const left = rewritten.split('\n').filter((line) => /localhost/i.test(line));
  if (left.length) throw new Error(`manifest.xml contient encore « localhost » après réécriture pour ${base} :\n${left.join('\n')}`);
  return rewritten;
}
