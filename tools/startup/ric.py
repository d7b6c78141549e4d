#!/usr/bin/env python3
"""The example function under the real Lambda runtime interface client, fed by a minimal Runtime API.
python3 ric.py N label=jar[;extra jvm flags] ...   -> median wall (process start -> /response received) and CPU at that moment.
python3 ric.py dump jar archive.jsa               -> one run with -XX:ArchiveClassesAtExit, ended by SIGTERM."""
import http.server, json, os, signal, statistics, subprocess, sys, threading, time, uuid, shlex
HOME = os.environ["HOME"]
M2 = HOME + "/.m2/repository/com/amazonaws"
EXTRA_CP = [M2 + "/aws-lambda-java-runtime-interface-client/2.10.1/aws-lambda-java-runtime-interface-client-2.10.1.jar",
            M2 + "/aws-lambda-java-serialization/1.2.0/aws-lambda-java-serialization-1.2.0.jar"]
HANDLER = "dev.once.examples.payment.OrderPaymentHandler::handleRequest"
TICK = os.sysconf("SC_CLK_TCK")

class Api(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        st = self.server.state
        if st["served"]:
            time.sleep(60); return
        st["served"] = True
        body = json.dumps({"orderId": "o-" + str(uuid.uuid4()), "customerId": "c-1", "amountCents": 1999, "currency": "EUR"}).encode()
        self.send_response(200)
        for k, v in {"Lambda-Runtime-Aws-Request-Id": "r-1", "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + 60000),
                     "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:000000000000:function:order-payment",
                     "Lambda-Runtime-Trace-Id": "Root=1-0-0", "Content-Type": "application/json", "Content-Length": str(len(body))}.items():
            self.send_header(k, v)
        self.end_headers(); self.wfile.write(body)
    def do_POST(self):
        st = self.server.state
        n = int(self.headers.get("Content-Length", 0)); data = self.rfile.read(n)
        st["at"] = time.monotonic(); st["cpu"] = cpu(st["pid"]); st["path"] = self.path; st["body"] = data
        self.send_response(202); self.send_header("Content-Length", "0"); self.end_headers()
        st["done"].set()

def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / TICK

def run(jar, flags, term=False):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Api); srv.daemon_threads = True
    srv.state = {"served": False, "done": threading.Event()}
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ONCE_"))}
    env.update({"AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{srv.server_address[1]}", "_HANDLER": HANDLER,
                "AWS_LAMBDA_FUNCTION_NAME": "order-payment", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
                "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "x",
                "AWS_SECRET_ACCESS_KEY": "y", "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:48123", "ONCE_TABLE": "idempotency", "LEDGER_TABLE": "ledger"})
    cmd = ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", *flags,
           "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + os.path.abspath("jni/libaws-lambda-jni.linux-x86_64.so"),
           "-cp", ":".join([jar, *EXTRA_CP]), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env, stdout=open("ric.log", "ab"), stderr=subprocess.STDOUT)
    srv.state["pid"] = p.pid
    ok = srv.state["done"].wait(120)
    st = srv.state
    if term:
        p.send_signal(signal.SIGTERM); p.wait(60)
    else:
        p.kill(); p.wait()
    srv.shutdown()
    if not ok or "/response" not in st["path"]:
        raise SystemExit(f"no response: {st.get('path')} {st.get('body')}")
    return (st["at"] - t0) * 1000, st["cpu"]

if sys.argv[1] == "dump":
    w, c = run(sys.argv[2], ["-XX:ArchiveClassesAtExit=" + sys.argv[3]], term=True)
    print(f"dump run: wall {w:.0f} ms cpu {c:.0f} ms; archive {os.path.getsize(sys.argv[3]) // 1024} KiB")
    sys.exit()
n = int(sys.argv[1]); specs = sys.argv[2:]   # label=jar;flags
res = {}
for i in range(n):
    for spec in specs:
        label, _, rest = spec.partition("=")
        jar, _, flags = rest.partition(";")
        res.setdefault(label, ([], []))
        w, c = run(jar, shlex.split(flags))
        res[label][0].append(w); res[label][1].append(c)
base = specs[0].partition("=")[0]
for label, (w, c) in res.items():
    print(f"{label:10s} start->first response: wall median {statistics.median(w):6.0f} ms ({min(w):.0f}-{max(w):.0f})  cpu median {statistics.median(c):6.0f} ms ({min(c):.0f}-{max(c):.0f})  ratio to {base}: wall {statistics.median(w)/statistics.median(res[base][0]):.3f} cpu {statistics.median(c)/statistics.median(res[base][1]):.3f}  (n={n})")
