"""VPC (2016-04-28), one module per resource kind.

=====================  ==========================================================
module                 kind (world table)
=====================  ==========================================================
vpcs.py                VPCs and their vRouters (``vpc``, ``vrouter``)
vswitches.py           vSwitches (``vswitch``)
route_tables.py        route tables (``route_table``)
route_entries.py       route entries (``route_entry``)
router_interfaces.py   Express Connect router interfaces (``router_interface``)
vbrs.py                virtual border routers (``vbr``)
grants.py              CEN grants, the instance owner's side (``grant``)
tags.py                the tag calls of all of the above
regions.py             DescribeRegions
shared.py              what several kinds read of each other, the service's checks
=====================  ==========================================================

Business rules that span products read the other products' tables directly:
``cen_attachment`` and ``tr_attachment`` (CBN) for CenStatus and the "attached" refusals, ``vpc_peer``
(VpcPeer) for route entries whose next hop is a peering connection.

Every handler validates everything first and writes last, so a refused call
leaves the world untouched.
"""
