#!/usr/bin/env python3
# A conformant Lambda custom runtime that is not Flint's, for the emulator's tests.
# Event actions: "exit" dies mid-invocation, "sleep" never answers, "env"/"headers" return what it was given, else echo.
# Init: INIT_CPU_MS burns that much CPU time, INIT_SLEEP_MS waits that long without using the CPU.
import http.client, json, os, sys, time

api = os.environ["AWS_LAMBDA_RUNTIME_API"]
host, port = api.split("/")[0].split(":")
conn = http.client.HTTPConnection(host, int(port))

if os.environ.get("FAIL_INIT"):
    print("init is failing on purpose", flush=True)
    conn.request("POST", "/2018-06-01/runtime/init/error",
                 body=json.dumps({"errorType": "Test.InitFailed", "errorMessage": "init failed on purpose"}),
                 headers={"Lambda-Runtime-Function-Error-Type": "Test.InitFailed"})
    conn.getresponse().read()
    sys.exit(1)

if os.environ.get("INIT_CPU_MS"):
    until = time.process_time() + int(os.environ["INIT_CPU_MS"]) / 1000
    while time.process_time() < until:
        pass
if os.environ.get("INIT_SLEEP_MS"):
    time.sleep(int(os.environ["INIT_SLEEP_MS"]) / 1000)

while True:
    conn.request("GET", "/2018-06-01/runtime/invocation/next")
    r = conn.getresponse()
    body = r.read()
    rid = r.getheader("Lambda-Runtime-Aws-Request-Id")
    try:
        event = json.loads(body or b"{}")
    except ValueError:
        event = None
    action = event.get("action") if isinstance(event, dict) else None
    print("handling " + rid, flush=True)
    if action == "exit":
        sys.exit(3)
    if action == "sleep":
        time.sleep(3600)
    if action == "env":
        out = json.dumps(dict(os.environ)).encode()
    elif action == "headers":
        out = json.dumps({k.lower(): v for k, v in r.getheaders()}).encode()
    else:
        out = body
    conn.request("POST", "/2018-06-01/runtime/invocation/" + rid + "/response", body=out)
    resp = conn.getresponse()
    resp.read()
    if resp.getheader("Connection", "").lower() == "close":
        conn.close()
