package mail

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
)

// Periodic is work the worker does on a schedule beside sending, such as
// queueing the reminders before keys expire. River enqueues it on the
// elected leader only, so with several worker processes it still runs once
// per interval; Run should be safe to run twice all the same (queueing with
// a cause that makes each e-mail unique makes it so).
type Periodic struct {
	Name     string        // what the job is called in River's queue: lower case and hyphens
	Interval time.Duration // how often; it also runs when the worker starts
	// Run does the work with the worker's pool.
	Run func(ctx context.Context, pool *pgxpool.Pool) error
}

var periodicName = regexp.MustCompile(`^[a-z][a-z-]{0,40}$`)

// periodicArgs names the periodic job to run; the job holds nothing else.
type periodicArgs struct {
	Name string `json:"name"`
}

func (periodicArgs) Kind() string { return "mail.periodic" }

func (periodicArgs) InsertOpts() river.InsertOpts {
	// A newly elected leader runs each job once at start (RunOnStart), so
	// a run may come twice in an interval: Run is safe to repeat.
	return river.InsertOpts{Queue: queueName, MaxAttempts: 3}
}

// periodicWorker runs the periodic jobs by name.
type periodicWorker struct {
	river.WorkerDefaults[periodicArgs]
	pool *pgxpool.Pool
	jobs map[string]Periodic
}

func (w *periodicWorker) Work(ctx context.Context, job *river.Job[periodicArgs]) error {
	p, ok := w.jobs[job.Args.Name]
	if !ok {
		// A job of a version of the portal that had it: nothing to do here.
		return river.JobCancel(fmt.Errorf("no periodic job %q in this worker", job.Args.Name))
	}
	if err := p.Run(ctx, w.pool); err != nil {
		return fmt.Errorf("periodic job %s: %w", p.Name, err)
	}
	return nil
}

// addPeriodic registers the periodic jobs with River's workers and returns
// their schedules.
func addPeriodic(workers *river.Workers, pool *pgxpool.Pool, jobs []Periodic) ([]*river.PeriodicJob, error) {
	if len(jobs) == 0 {
		return nil, nil
	}
	w := &periodicWorker{pool: pool, jobs: make(map[string]Periodic, len(jobs))}
	schedules := make([]*river.PeriodicJob, 0, len(jobs))
	for _, p := range jobs {
		if !periodicName.MatchString(p.Name) || p.Interval <= 0 || p.Run == nil {
			return nil, fmt.Errorf("periodic job %q: needs a name of lower-case letters and hyphens, an interval and Run", p.Name)
		}
		if _, dup := w.jobs[p.Name]; dup {
			return nil, fmt.Errorf("periodic job %q given twice", p.Name)
		}
		w.jobs[p.Name] = p
		name := p.Name
		schedules = append(schedules, river.NewPeriodicJob(river.PeriodicInterval(p.Interval),
			func() (river.JobArgs, *river.InsertOpts) { return periodicArgs{Name: name}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "mail.periodic." + name}))
	}
	if err := river.AddWorkerSafely(workers, w); err != nil {
		return nil, err
	}
	return schedules, nil
}
