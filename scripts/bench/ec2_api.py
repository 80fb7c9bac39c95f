#!/usr/bin/env python3
"""EC2 control-plane benchmark: the same fixed sequence of boto3 calls against localvpc and
against moto's server, in one run, alternating rounds so both see the same machine state.

Prints calls per second of each, their ratio, and localvpc's start-to-ready time.
Usage: python3 scripts/bench/ec2_api.py [--iterations 60] [--rounds 3]
Needs: boto3 and moto[server] (pip), and a built localvpc (npm install).
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status < 500:
                    return
        except Exception:
            time.sleep(0.005)
    raise RuntimeError(f"{url} not ready after {timeout}s")


def start_localvpc(port, state_dir):
    t0 = time.monotonic()
    proc = subprocess.Popen(
        ["node", os.path.join(ROOT, "bin/localvpc.js"), "start", "--port", str(port), "--dns-port", "0", "--state-dir", state_dir],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = proc.stdout.readline()
    ready_s = time.monotonic() - t0
    wait_http(f"http://127.0.0.1:{port}/_localvpc/health")
    return proc, ready_s, line.strip()


def start_moto(port):
    exe = shutil.which("moto_server")
    if not exe:
        sys.exit("moto_server not found: pip install 'moto[server]'")
    proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/moto-api/")
    return proc


def start_null_server(port):
    proc = subprocess.Popen(["node", os.path.join(ROOT, "scripts/bench/null-ec2-server.mjs"), str(port)], stdout=subprocess.PIPE, text=True)
    proc.stdout.readline()
    return proc


def describe_rate(ec2, n):
    """DescribeVpcs calls per second (one client, keep-alive)."""
    ec2.describe_vpcs()
    t0 = time.perf_counter()
    for _ in range(n):
        ec2.describe_vpcs()
    return n / (time.perf_counter() - t0)


def client(endpoint):
    return boto3.client(
        "ec2", region_name="eu-west-1", endpoint_url=endpoint,
        aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}),
    )


def sequence(ec2, i):
    """One iteration: 12 calls over VPCs, subnets, security groups and tags."""
    vpc = ec2.create_vpc(CidrBlock=f"10.{i % 200}.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{i % 200}.1.0/24")["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(GroupName=f"bench-{i}", Description="bench", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
    ec2.create_tags(Resources=[vpc, subnet], Tags=[{"Key": "Name", "Value": f"bench-{i}"}])
    ec2.describe_vpcs(VpcIds=[vpc])
    ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])
    ec2.describe_security_groups(GroupIds=[sg])
    ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])
    ec2.delete_security_group(GroupId=sg)
    ec2.delete_subnet(SubnetId=subnet)
    ec2.delete_vpc(VpcId=vpc)
    return 12


def measure(ec2, iterations, offset):
    calls = 0
    t0 = time.perf_counter()
    for i in range(iterations):
        calls += sequence(ec2, offset + i)
    return calls, time.perf_counter() - t0


def _worker(args):
    endpoint, iterations, offset = args
    c = client(endpoint)
    sequence(c, offset + 9999)  # warm up this process's client
    calls = 0
    for i in range(iterations):
        calls += sequence(c, offset + i)
    return calls


def measure_parallel(endpoint, clients, iterations, offset):
    """`clients` processes, each running the sequence on its own boto3 client, at once."""
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        t0 = time.perf_counter()
        calls = sum(pool.map(_worker, [(endpoint, iterations, offset + k * 1000) for k in range(clients)]))
        return calls, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", type=int, default=4, help="client processes for the parallel measurement (0 skips it)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    state_dir = tempfile.mkdtemp(prefix="localvpc-bench-")
    lv_port, moto_port, null_port = free_port(), free_port(), free_port()
    lv, ready_s, summary = start_localvpc(lv_port, state_dir)
    moto = start_moto(moto_port)
    null = start_null_server(null_port)
    try:
        targets = {"localvpc": client(f"http://127.0.0.1:{lv_port}"), "moto": client(f"http://127.0.0.1:{moto_port}")}
        for c in targets.values():  # warm up: connections, default VPC, model loading
            sequence(c, 250)
        totals = {k: [0, 0.0] for k in targets}
        for r in range(args.rounds):
            for name, c in targets.items():
                calls, secs = measure(c, args.iterations, r * args.iterations)
                totals[name][0] += calls
                totals[name][1] += secs
        rate = {k: v[0] / v[1] for k, v in totals.items()}
        # The client's own cost: DescribeVpcs against a server that answers instantly with an
        # empty set, beside the same call against both servers (each holding the same VPCs).
        floor = describe_rate(client(f"http://127.0.0.1:{null_port}"), 300)
        describe = {k: describe_rate(c, 300) for k, c in targets.items()}
        endpoints = {"localvpc": f"http://127.0.0.1:{lv_port}", "moto": f"http://127.0.0.1:{moto_port}"}
        parallel = {}
        if args.clients > 0:
            for name, ep in endpoints.items():
                calls, secs = measure_parallel(ep, args.clients, args.iterations, 100000)
                parallel[name] = calls / secs
        result = {
            "calls_per_round": args.iterations * 12,
            "rounds": args.rounds,
            "localvpc_calls_per_s": round(rate["localvpc"], 1),
            "moto_calls_per_s": round(rate["moto"], 1),
            "ratio_localvpc_over_moto": round(rate["localvpc"] / rate["moto"], 2),
            "localvpc_spawn_to_ready_s": round(ready_s, 3),
            "boto3_floor_describe_vpcs_per_s": round(floor, 1),
            "describe_vpcs_per_s": {k: round(v, 1) for k, v in describe.items()},
            "server_added_ms_per_describe_vpcs": {k: round(1000 / v - 1000 / floor, 3) for k, v in describe.items()},
            "parallel_clients": args.clients,
            "parallel_calls_per_s": {k: round(v, 1) for k, v in parallel.items()},
            "parallel_ratio_localvpc_over_moto": round(parallel["localvpc"] / parallel["moto"], 2) if parallel else None,
            "localvpc_summary": summary,
        }
        if args.json:
            print(json.dumps(result))
        else:
            print(f"EC2 API, boto3, {args.rounds} rounds x {args.iterations} iterations x 12 calls, one client each")
            print(f"  localvpc : {result['localvpc_calls_per_s']:8.1f} calls/s")
            print(f"  moto     : {result['moto_calls_per_s']:8.1f} calls/s")
            print(f"  ratio    : {result['ratio_localvpc_over_moto']:8.2f} x moto")
            print(f"  localvpc spawn-to-ready: {ready_s*1000:.0f} ms ({summary})")
            print("DescribeVpcs alone, one client (boto3 floor = a server that answers instantly):")
            print(f"  floor    : {floor:8.1f} calls/s  (boto3's own cost: {1000/floor:.2f} ms/call)")
            for k, v in describe.items():
                print(f"  {k:9}: {v:8.1f} calls/s  (+{1000/v - 1000/floor:.2f} ms/call over the floor)")
            if parallel:
                print(f"The same sequence from {args.clients} client processes at once:")
                for k, v in parallel.items():
                    print(f"  {k:9}: {v:8.1f} calls/s")
                print(f"  ratio    : {parallel['localvpc'] / parallel['moto']:8.2f} x moto")
    finally:
        for p in (lv, moto, null):
            p.terminate()
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(state_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
