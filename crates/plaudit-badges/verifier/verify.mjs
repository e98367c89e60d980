// Independent verifier for plaudit-badges credentials, built on Digital
// Bazaar's VC stack (a different JSON-LD processor, canonicalizer and Ed25519
// implementation than the Rust crate), so interop bugs show up in tests.
//
// stdin:  {"credential": {...}, "issuerProfile": {...}, "statusList": {...}?, "now": "RFC 3339"?}
// stdout: {"verified": true|false, "error": string|null}
// Fully offline: the document loader serves only the embedded contexts and
// the documents passed in, and refuses everything else.

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {dirname, join} from 'node:path';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import securityContext from '@digitalbazaar/security-context';

const here = dirname(fileURLToPath(import.meta.url));
const ctxFile = name => JSON.parse(readFileSync(join(here, '..', 'contexts', name), 'utf8'));

// The same files the Rust crate embeds.
const CONTEXTS = new Map([
  ['https://www.w3.org/ns/credentials/v2', ctxFile('credentials-v2.jsonld')],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', ctxFile('ob-v3p0-context-3.0.3.json')],
  ['https://w3id.org/security/multikey/v1', ctxFile('multikey-v1.jsonld')],
  ['https://w3id.org/security/data-integrity/v2', ctxFile('data-integrity-v2.jsonld')],
  // jsonld-signatures frames controller documents with this context.
  [securityContext.SECURITY_CONTEXT_V2_URL,
    securityContext.contexts.get(securityContext.SECURITY_CONTEXT_V2_URL)],
]);

function makeLoader({issuerProfile, statusList}) {
  const docs = new Map(CONTEXTS);
  if(issuerProfile) {
    docs.set(issuerProfile.id, issuerProfile);
    for(const vm of issuerProfile.verificationMethod || []) {
      docs.set(vm.id, {'@context': 'https://w3id.org/security/multikey/v1', ...vm});
    }
  }
  if(statusList) {
    docs.set(statusList.id, statusList);
  }
  return async url => {
    if(!docs.has(url)) {
      throw new Error(`offline loader refuses ${url}`);
    }
    return {contextUrl: null, documentUrl: url, document: structuredClone(docs.get(url))};
  };
}

async function main() {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const documentLoader = makeLoader(input);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const now = input.now ? new Date(input.now) : new Date();
  const result = await vc.verifyCredential({
    credential: input.credential,
    suite,
    documentLoader,
    now,
    // Exact expiry for the tests; the app's Rust verifier has no skew either.
    maxClockSkew: 0,
    checkStatus: async options => {
      if(!input.statusList) {
        return {verified: true};
      }
      const status = await checkStatus(options);
      // checkStatus reports `status: true` when the revocation bit is set.
      if(status.verified && status.results?.some(r => r.status)) {
        return {verified: false, error: new Error('credential revoked')};
      }
      return status;
    },
  });
  let error = null;
  if(!result.verified) {
    const errs = [result.error, ...(result.results || []).map(r => r.error),
      result.statusResult?.error].filter(Boolean);
    error = errs.map(e => e.message || String(e)).join('; ') || 'not verified';
  }
  process.stdout.write(JSON.stringify({verified: result.verified, error}) + '\n');
}

main().catch(e => {
  process.stdout.write(JSON.stringify({verified: false, error: `verifier crashed: ${e.message}`}) + '\n');
  process.exitCode = 2;
});
