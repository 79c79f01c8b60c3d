"""The tests' servers get ports from servers.free_port(), often two or three in a row before
any server starts. The kernel hands a probed port out again as soon as the probe closes (one
pair in ~7,000 back to back here), and the fault matrix's https cell once got one port for its
TLS server and its plain one: nginx refused the config and the cell failed. A process is never
given the same port twice."""
from nbtest import check, finish
from servers import free_port

ports = [free_port() for _ in range(2000)]
check(len(set(ports)) == len(ports), f"2000 ports in a row are all different: {len(set(ports))} distinct")
finish("test_free_port")
