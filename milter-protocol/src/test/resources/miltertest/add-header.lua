-- Drives the Postern milter through one message the way an MTA would and checks that it asks
-- to add the configured header. The socket comes from the environment (MILTER_SOCKET).
local socket = os.getenv("MILTER_SOCKET")

-- miltertest exits 1 without printing the error (a failing mt.* call exits at once), so say it
-- first. Its Lua has macro constants only up to SMFIC_RCPT, so the queue id comes with MAIL.
local function fail(message)
  io.stderr:write("miltertest: FAILED: " .. message .. "\n")
  error(message)
end

conn = mt.connect(socket, 20, 0.25)
if conn == nil then
  fail("mt.connect(" .. socket .. ") failed")
end

if mt.negotiate(conn, 6, nil, nil) ~= nil then
  fail("mt.negotiate() failed")
end

mt.macro(conn, SMFIC_CONNECT, "j", "mail.example.test", "{daemon_name}", "miltertest")
if mt.conninfo(conn, "client.example.test", "192.0.2.7") ~= nil then
  fail("mt.conninfo() failed")
end
if mt.getreply(conn) ~= SMFIR_CONTINUE then
  fail("mt.conninfo() unexpected reply")
end

if mt.helo(conn, "client.example.test") ~= nil then
  fail("mt.helo() failed")
end
if mt.getreply(conn) ~= SMFIR_CONTINUE then
  fail("mt.helo() unexpected reply")
end

mt.macro(conn, SMFIC_MAIL, "i", "MT0001")
if mt.mailfrom(conn, "<sender@example.test>") ~= nil then
  fail("mt.mailfrom() failed")
end
if mt.getreply(conn) ~= SMFIR_CONTINUE then
  fail("mt.mailfrom() unexpected reply")
end

if mt.rcptto(conn, "<alice@remote.test>") ~= nil then
  fail("mt.rcptto() failed")
end
if mt.getreply(conn) ~= SMFIR_CONTINUE then
  fail("mt.rcptto() unexpected reply")
end

if mt.header(conn, "From", "sender@example.test") ~= nil then
  fail("mt.header(From) failed")
end
if mt.header(conn, "Subject", "miltertest") ~= nil then
  fail("mt.header(Subject) failed")
end
if mt.eoh(conn) ~= nil then
  fail("mt.eoh() failed")
end
if mt.bodystring(conn, "Hello from miltertest.\r\n") ~= nil then
  fail("mt.bodystring() failed")
end

if mt.eom(conn) ~= nil then
  fail("mt.eom() failed")
end
if mt.getreply(conn) ~= SMFIR_CONTINUE then
  fail("mt.eom() unexpected reply")
end
if not mt.eom_check(conn, MT_HDRADD, "X-Postern-Checked", "yes") then
  fail("the milter did not add X-Postern-Checked: yes")
end

mt.disconnect(conn)
print("miltertest: header added")
