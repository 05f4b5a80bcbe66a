/** The server-side milter session as a pure state machine, testable without sockets. */
package org.postern.milter.session;
