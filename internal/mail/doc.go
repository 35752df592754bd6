// Package mail queues e-mail in the transaction of the change that causes
// it, and sends it from a background worker, once per (cause, recipient).
//
// # Queueing
//
// Enqueue and EnqueueMany insert a delivery row (mail_deliveries) and its job
// in River's queue (river_job) in the caller's transaction: the e-mail exists
// if and only if the change commits. A delivery is unique per cause and
// recipient ("incident:42" to kari@example.no), so queueing the same notice
// again, from a double-clicked button or a reminder job that runs twice,
// adds nothing.
//
// # Sending
//
// The worker (Run, Start) is a River client; several may run in one process
// or in several, on one queue. For each job it
//
//  1. claims the delivery in one statement: status sending, attempts + 1,
//     and the Message-ID fixed at the first attempt; a delivery already sent
//     or failed is left alone, so a job that River runs again does nothing;
//  2. opens a transaction that marks the delivery sent and River's job
//     completed, holding the delivery's row lock;
//  3. sends the e-mail over SMTP; only after the server has accepted it
//     (250 after DATA) is the transaction committed.
//
// A failure rolls the transaction back and records the error: a temporary one
// (4xx, a broken connection, a time-out) returns the delivery to queued for a
// retry with back-off; a permanent one (5xx) or the last attempt makes it
// failed, with the server's answer in last_error.
//
// # What is guaranteed
//
// Nothing is lost: a committed delivery is attempted until it is sent or
// failed, whatever process dies when. A job whose worker died is rescued by
// another worker's River client after RescueAfter.
//
// Nothing is sent twice, with one exception that no SMTP client can close:
// the server accepts the e-mail before the worker can record that it did. If
// the worker process or its database connection dies after the server's
// 250 and before the COMMIT has reached PostgreSQL, the delivery stays
// sending, and the retry sends it again. The window is one COMMIT round trip:
// every other write is done before the e-mail is sent. The repeat carries the
// same Message-ID, by which mail systems recognise one message, and its
// last_error says that the previous attempt was interrupted. Deliveries that
// were not being sent at the moment of the crash are sent exactly once.
//
// Two workers never send one delivery at the same time: sending needs the
// delivery's row lock, held from before the first byte to the COMMIT, and a
// claim that the delivery's attempt count still matches.
//
// No log line holds an e-mail address: errors returned to River and logged
// name the delivery by id and the SMTP reply by its codes; the server's full
// answer is kept in the delivery's last_error.
package mail
