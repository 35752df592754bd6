package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ServingRole is the group role the portal serves as. Migrations grant it
// what the portal needs and no more (migrations/00006_serving_role.sql); the
// tables belong to the role that runs the migrations.
const ServingRole = "selvbetjening_app"

// CreateServingLogin creates the login role name as a member of ServingRole,
// and ServingRole itself, unless they exist. An existing role is left as it
// is. password may be empty (trust authentication). It needs CREATEROLE: the
// development cluster and the tests run it as a superuser; in production an
// operator creates the roles (README, "Database roles").
func CreateServingLogin(ctx context.Context, db DB, name, password string) error {
	if err := createRole(ctx, db, ServingRole, "NOLOGIN"); err != nil {
		return err
	}
	opts := "LOGIN IN ROLE " + pgx.Identifier{ServingRole}.Sanitize()
	if password != "" {
		opts += " PASSWORD " + quoteLiteral(password)
	}
	if err := createRole(ctx, db, name, opts); err != nil {
		return err
	}
	var member bool
	if err := db.QueryRow(ctx, `SELECT pg_has_role($1, $2, 'MEMBER')`, name, ServingRole).Scan(&member); err != nil {
		return fmt.Errorf("check role %s: %w", name, err)
	}
	if member {
		return nil
	}
	if _, err := db.Exec(ctx, "GRANT "+pgx.Identifier{ServingRole}.Sanitize()+" TO "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("grant %s to %s: %w", ServingRole, name, err)
	}
	return nil
}

// createRole runs CREATE ROLE name opts, unless the role exists. Several
// test processes may create the same role at once; the loser's error says
// duplicate_object, or unique_violation on pg_authid.
func createRole(ctx context.Context, db DB, name, opts string) error {
	var exists bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)`, name).Scan(&exists); err != nil {
		return fmt.Errorf("look up role %s: %w", name, err)
	}
	if exists {
		return nil
	}
	_, err := db.Exec(ctx, "CREATE ROLE "+pgx.Identifier{name}.Sanitize()+" "+opts)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == "42710" || pgErr.Code == "23505") {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create role %s: %w", name, err)
	}
	return nil
}

func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
