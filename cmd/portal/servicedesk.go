package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/digdir/selvbetjening/internal/config"
	"github.com/digdir/selvbetjening/internal/personid"
	"github.com/digdir/selvbetjening/internal/servicedesk"
	"github.com/digdir/selvbetjening/web/text"
)

// servicedeskCommand is `portal servicedesk grant --fodselsnummer … --navn …`:
// it makes the first servicedesk person, who then grants the role to others
// in the console. It migrates first and runs as the owner, like seed.
func servicedeskCommand(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	const usage = "usage: portal servicedesk grant --fodselsnummer NUMMER --navn NAVN"
	if len(args) == 0 || args[0] != "grant" {
		return errors.New(usage)
	}
	fs := flag.NewFlagSet("servicedesk grant", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	pid := fs.String("fodselsnummer", "", "the person's fødselsnummer or D-number")
	name := fs.String("navn", "", "the person's name")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("servicedesk grant: %w (%s)", err, usage)
	}
	if fs.NArg() > 0 || *pid == "" || *name == "" {
		return errors.New(usage)
	}
	return migrated(ctx, cfg, func(pool *pgxpool.Pool) error {
		err := servicedesk.GrantFromCommandLine(ctx, pool, *pid, *name, cfg.TestDeployment)
		var errs servicedesk.FieldErrors
		if errors.As(err, &errs) {
			// The words the console would show, and never the number itself.
			nb := text.For("nb").Servicedesk
			for _, field := range []string{"fodselsnummer", "navn"} {
				if c, ok := errs[field]; ok {
					msg, _ := nb.FieldError(c)
					return fmt.Errorf("servicedesk grant: --%s: %s", field, msg)
				}
			}
		}
		if err != nil {
			return fmt.Errorf("servicedesk grant: %w", err)
		}
		fmt.Fprintf(stdout, "Servicedesk-rollen er gitt til %s (%s).\n", *name, personid.Masked(*pid))
		return nil
	})
}
