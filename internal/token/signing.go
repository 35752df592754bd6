package token

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	_ "crypto/sha256" // for the thumbprint
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/integration"
	"github.com/digdir/selvbetjening/internal/store"
)

// SigningAlgorithm is what access tokens are signed with, as Maskinporten's.
const SigningAlgorithm = jose.RS256

const signingKeyBits = 2048

// KeyRefresh is how often a process reads the signing keys again: a rotation
// reaches every process within it.
const KeyRefresh = 30 * time.Second

// retention is how long a key stays in the JWKS after a newer key took
// over: until every token it signed has expired, counting the processes
// that sign with it until their next refresh.
const retention = time.Duration(integration.MaxTokenLifetime)*time.Second + 2*KeyRefresh

// JWKSMaxAge is how long a resource server may cache the JWKS
// (Cache-Control: max-age). Maskinporten suggests a day to its own
// resource servers; an hour here lets them see a rotation sooner.
const JWKSMaxAge = time.Hour

// PublishLead is how long a rotated key is published before it signs: every
// portal process reads it within KeyRefresh and serves it in its JWKS, and
// every resource server has fetched that JWKS once its cached copy is
// JWKSMaxAge old. A token signed with it before then could be refused by a
// verifier holding an older JWKS.
const PublishLead = JWKSMaxAge + KeyRefresh

// keyID names a signing key by its RFC 7638 thumbprint, so its kid says
// which key it is wherever it is seen.
func keyID(pub *rsa.PublicKey) (string, error) {
	sum, err := (&jose.JSONWebKey{Key: pub}).Thumbprint(crypto.SHA256)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(sum)[:32], nil
}

// newSigningKey makes a key and its row: the public JWK and the sealed private key.
func newSigningKey(kek []byte, env environment.Env) (kid string, public, sealed []byte, err error) {
	priv, err := rsa.GenerateKey(rand.Reader, signingKeyBits)
	if err != nil {
		return "", nil, nil, err
	}
	if kid, err = keyID(&priv.PublicKey); err != nil {
		return "", nil, nil, err
	}
	public, err = json.Marshal(jose.JSONWebKey{Key: &priv.PublicKey, KeyID: kid, Algorithm: string(SigningAlgorithm), Use: "sig"})
	if err != nil {
		return "", nil, nil, err
	}
	private, err := json.Marshal(jose.JSONWebKey{Key: priv, KeyID: kid, Algorithm: string(SigningAlgorithm), Use: "sig"})
	if err != nil {
		return "", nil, nil, err
	}
	sealed, err = seal(kek, private, sealAAD(env, kid))
	return kid, public, sealed, err
}

func sealAAD(env environment.Env, kid string) string {
	return "token-signing-key:" + string(env) + ":" + kid
}

// lockKeys serialises making and rotating an environment's keys across processes.
func lockKeys(ctx context.Context, tx pgx.Tx, env environment.Env) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('token_signing_keys:' || $1))`, string(env))
	return err
}

// EnsureSigningKey makes the environment's first signing key if it has none.
// Every process may call it at start; one key results. The first key signs
// at once: no verifier holds a JWKS of the environment before it.
func EnsureSigningKey(ctx context.Context, pool *pgxpool.Pool, kek []byte, env environment.Env, now time.Time) error {
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := lockKeys(ctx, tx, env); err != nil {
			return fmt.Errorf("lock signing keys: %w", err)
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM token_signing_keys WHERE env = $1 AND published_until IS NULL`,
			string(env)).Scan(&n); err != nil {
			return fmt.Errorf("count signing keys: %w", err)
		}
		if n > 0 {
			return nil
		}
		_, err := insertKey(ctx, tx, kek, env, now)
		return err
	})
}

// Rotation is a new signing key: published from now, signing from SignsFrom.
type Rotation struct {
	KID       string
	SignsFrom time.Time
}

// RotateSigningKey makes a new signing key for env. It is published in the
// JWKS at once and signs lead later: PublishLead, the standard way, when
// every process and every resource server caching the JWKS has it; 0 for
// a key that must stop signing now (it may be compromised), at the cost of
// refusals by verifiers whose cached JWKS lacks the new key. Until then the
// key before it signs. The keys it replaces stay in the JWKS until every
// token they signed has expired: retention after the new key takes over.
// An environment with no key to sign with gets one that signs at once.
func RotateSigningKey(ctx context.Context, pool *pgxpool.Pool, kek []byte, env environment.Env, now time.Time, lead time.Duration) (Rotation, error) {
	var r Rotation
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := lockKeys(ctx, tx, env); err != nil {
			return fmt.Errorf("lock signing keys: %w", err)
		}
		signsFrom := now.Add(lead)
		// Every key not yet retired (the one signing, and any rotated in
		// before this one that has not taken over) signs at most until
		// signsFrom, and is published for retention after.
		tag, err := tx.Exec(ctx, `UPDATE token_signing_keys SET published_until = $2
			WHERE env = $1 AND published_until IS NULL`, string(env), signsFrom.Add(retention))
		if err != nil {
			return fmt.Errorf("retire signing keys: %w", err)
		}
		if tag.RowsAffected() == 0 {
			signsFrom = now
		}
		r.SignsFrom = signsFrom
		r.KID, err = insertKey(ctx, tx, kek, env, signsFrom)
		return err
	})
	return r, err
}

func insertKey(ctx context.Context, tx pgx.Tx, kek []byte, env environment.Env, signsFrom time.Time) (string, error) {
	kid, public, sealed, err := newSigningKey(kek, env)
	if err != nil {
		return "", fmt.Errorf("make signing key: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO token_signing_keys (kid, env, algorithm, public_jwk, private_sealed, signs_from)
		VALUES ($1, $2, $3, $4, $5, $6)`, kid, string(env), string(SigningAlgorithm), public, sealed, signsFrom); err != nil {
		return "", fmt.Errorf("store signing key: %w", err)
	}
	return kid, nil
}

// keyRing is one environment's keys as this process last read them: the
// signer of the current key and the JWKS of every published one, the next
// key among them before it signs.
type keyRing struct {
	pool *pgxpool.Pool
	kek  []byte
	env  environment.Env
	now  func() time.Time

	mu       sync.RWMutex
	signer   jose.Signer
	kid      string
	jwks     []byte
	loadedAt time.Time
}

func (k *keyRing) current() (jose.Signer, []byte) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.signer, k.jwks
}

// load reads the keys again. The current key is the one that took over
// last: the latest signs_from that has come. The private key is decrypted
// only when the current key changed.
func (k *keyRing) load(ctx context.Context) error {
	now := k.now()
	rows, err := k.pool.Query(ctx, `
		SELECT kid, public_jwk, signs_from <= $2
		FROM token_signing_keys
		WHERE env = $1 AND (published_until IS NULL OR published_until > $2)
		ORDER BY signs_from DESC, created_at DESC, kid`, string(k.env), now)
	if err != nil {
		return fmt.Errorf("read signing keys: %w", err)
	}
	type row struct {
		kid     string
		public  []byte
		current bool
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		var x row
		err := r.Scan(&x.kid, &x.public, &x.current)
		return x, err
	})
	if err != nil {
		return fmt.Errorf("read signing keys: %w", err)
	}
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{}}
	currentKID := ""
	for _, x := range list {
		var jwk jose.JSONWebKey
		if err := jwk.UnmarshalJSON(x.public); err != nil {
			return fmt.Errorf("signing key %s: %w", x.kid, err)
		}
		set.Keys = append(set.Keys, jwk)
		if x.current && currentKID == "" {
			currentKID = x.kid
		}
	}
	if currentKID == "" {
		return fmt.Errorf("%s has no signing key (portal serve makes one at start)", k.env)
	}
	jwks, err := json.Marshal(set)
	if err != nil {
		return err
	}
	k.mu.RLock()
	same := k.kid == currentKID
	k.mu.RUnlock()
	var signer jose.Signer
	if !same {
		if signer, err = k.openSigner(ctx, currentKID); err != nil {
			return err
		}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if !same {
		k.signer, k.kid = signer, currentKID
	}
	k.jwks, k.loadedAt = jwks, now
	return nil
}

func (k *keyRing) openSigner(ctx context.Context, kid string) (jose.Signer, error) {
	var sealed []byte
	if err := k.pool.QueryRow(ctx, `SELECT private_sealed FROM token_signing_keys WHERE kid = $1 AND env = $2`,
		kid, string(k.env)).Scan(&sealed); err != nil {
		return nil, fmt.Errorf("read signing key %s: %w", kid, err)
	}
	plain, err := unseal(k.kek, sealed, sealAAD(k.env, kid))
	if err != nil {
		return nil, fmt.Errorf("signing key %s of %s: %w", kid, k.env, err)
	}
	var jwk jose.JSONWebKey
	if err := jwk.UnmarshalJSON(plain); err != nil {
		return nil, fmt.Errorf("signing key %s: %w", kid, err)
	}
	priv, ok := jwk.Key.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("signing key %s is not an RSA private key", kid)
	}
	// Checked and precomputed once here: a key read from JSON is otherwise
	// checked again on every signature.
	if err := priv.Validate(); err != nil {
		return nil, fmt.Errorf("signing key %s: %w", kid, err)
	}
	priv.Precompute()
	return jose.NewSigner(jose.SigningKey{Algorithm: SigningAlgorithm, Key: jwk}, nil)
}

// IssuerPath is the path of an issuer URL, with the trailing slash: where
// its endpoints are routed.
func IssuerPath(issuer string) string {
	u, err := url.Parse(issuer)
	if err != nil || u.Path == "" {
		return "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		return u.Path + "/"
	}
	return u.Path
}
