package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/environment"
	"github.com/digdir/selvbetjening/internal/token"
)

// rotateTokenKey is portal tokenkey rotate: a new signing key for one
// environment's token endpoint, published at once and signing from
// token.PublishLead later (token.RotateSigningKey), or at once with -now.
// It runs as the owner of the tables, as migrations do.
func rotateTokenKey(ctx context.Context, cfg config.Config, pool *pgxpool.Pool, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "rotate" {
		return fmt.Errorf("tokenkey: the only action is rotate (portal tokenkey rotate [-env TEST|PROD] [-now])")
	}
	fs := flag.NewFlagSet("tokenkey rotate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	envName := fs.String("env", "TEST", "the environment whose token endpoint gets a new key")
	now := fs.Bool("now", false, "sign with the new key at once (the old one may be compromised)")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("tokenkey rotate: %w (the flags are -env TEST|PROD and -now)", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("tokenkey rotate: unexpected argument %q (the flags are -env TEST|PROD and -now)", fs.Arg(0))
	}
	env, err := environment.Parse(*envName)
	if err != nil {
		return fmt.Errorf("tokenkey rotate: -env must be TEST or PROD, got %q", *envName)
	}
	if env == environment.Prod && cfg.Token.ProdIssuer == "" {
		return fmt.Errorf("tokenkey rotate: PROD has no token endpoint (MASKINPORTEN_PROD_ISSUER is not set)")
	}
	lead := token.PublishLead
	if *now {
		lead = 0
	}
	r, err := token.RotateSigningKey(ctx, pool, cfg.Token.KeyEncryptionKey, env, time.Now(), lead)
	if err != nil {
		return fmt.Errorf("tokenkey rotate: %w", err)
	}
	if *now {
		fmt.Fprintf(stdout, "New signing key for %s: %s. Every portal signs with it within %s; resource servers that cached the JWKS"+
			" before it may refuse its tokens for up to %s. The old keys stay in the JWKS until their tokens have expired.\n",
			env, r.KID, token.KeyRefresh, token.JWKSMaxAge)
		return nil
	}
	fmt.Fprintf(stdout, "New signing key for %s: %s. Every portal publishes it in the JWKS within %s and signs with it from %s;"+
		" the old keys stay in the JWKS until their tokens have expired.\n",
		env, r.KID, token.KeyRefresh, r.SignsFrom.UTC().Format(time.RFC3339))
	return nil
}
