"""Transit routers (CBN 2017-09-12, Enterprise Edition), one module per resource kind.

=====================  ==========================================================
module                 kind (world table)
=====================  ==========================================================
service.py             the account's transit-router service (``accounts``), TR zones
routers.py             transit routers (``transit_router``)
vpc_attachments.py     VPC attachments (``tr_attachment``, ResourceType VPC)
peer_attachments.py    inter-region attachments (``tr_attachment``, ResourceType TR)
grants.py              cross-account grants (``grant``, shared with GrantInstanceToCen)
route_tables.py        route tables (``tr_route_table``), associations
                       (``tr_association``) and propagations (``tr_propagation``)
route_entries.py       static routes (``tr_route_entry``), learned routes (derived), the
                       routes published into VPCs (read by services/vpc/route_entries.py)
shared.py              the service gate, look-ups, one operation at a time, listings
=====================  ==========================================================

States (each transition settles after the world's transition time):

* router: ``Creating -> Active``; update ``Modifying -> Active``; delete ``Deleting -> gone``.
* VPC attachment: ``Attaching -> Attached``; updates ``Modifying -> Attached``; delete
  ``Detaching -> gone``.
* inter-region attachment: ``Attaching -> Attached``; update ``Modifying -> Attached``; delete
  ``Detaching -> gone``.
* static route: ``Creating -> Active``; delete ``Deleting -> gone`` (an update is immediate).
* route table: ``Creating -> Active``; update ``Modifying -> Active``; delete ``Deleting -> gone``.
* association: ``Associating -> Active``; dissociate ``Dissociating -> gone``.
* propagation: ``Enabling -> Active``; disable ``Disabling -> gone``.

One operation at a time per transit router: while the router is ``Creating`` or ``Deleting``
a write on it or on anything of it gets ``IncorrectStatus.TransitRouterInstance``; while the
router, one of its attachments, route tables, associations or propagations is in transition,
a further write gets ``Operation.Blocking``. Every write takes ClientToken (the registry's
idempotency) and DryRun: a DryRun that passes every check is ``DryRunOperation`` (HTTP 400)
and writes nothing. Lists page with MaxResults/NextToken (ListTransitRouters and
ListGrantVSwitchesToCen with PageNumber/PageSize) and show the caller's own resources only:
an attachment belongs to the CEN's owner, also when the VPC is another account's.

Error codes are the ones the API reference lists for each operation. Where it lists none for a
refusal the cloud makes, the emulator uses the documented code of the same situation elsewhere
in the family (the stricter reading):

==================================================  ====  ==============================================
code                                                HTTP  when
==================================================  ====  ==============================================
Forbbiden.TransitRouterServiceNotOpen               400   a create by an account without the service (sic)
Forbidden.ResourceOwnerTransitRouterServiceNotOpen  400   the VPC's owner has not opened the service
Order.Opened                                        400   OpenTransitRouterService a second time
IllegalParam.RegionId                               400   a region the emulator does not know; Update's
                                                          RegionId is not the router's
InvalidCenId.NotFound                               400   the CEN is not the caller's
IncorrectStatus.CenInstance                         400   the CEN is Creating or Deleting
InstanceExist.TransitRouterInstance                 400   the CEN has a router in that region already
IllegalParam.Cidr / OverLappingExist.Cidr           400   TransitRouterCidrList: not IPv4 /16-/24; overlap
InvalidTransitRouterId.NotFound                     400   the router is not the caller's
InvalidTransitRouterInstance.NotFound               400   the same, for DeleteTransitRouter
IncorrectStatus.TransitRouterInstance               400   the router is Creating or Deleting
Operation.Blocking                                  400   another operation on the router is in progress
InvalidOperation.AttachedChildInstanceExist         400   deleting a router that has attachments
OperationFailed.DeleteTransitRouter                 400   deleting a router with custom tables or routes
OperationFailed.DeleteCenWithCustomRouteTable       400   DeleteCen while a router has custom tables (an
                                                          idle router without them goes with its CEN)
OperationFailed.DeleteCenWithRouteEntry             400   DeleteCen while a router has static routes
MissingParam.CenIdOrRegionId                        400   a VPC attachment without TransitRouterId names
                                                          no CenId and RegionId
IllegalParam.TransitRouterRegionId                  400   RegionId is not the router's region
InvalidVpcId.NotFound                               404   no such VPC of that owner in the router's region
                                                          (the VPC service's code)
IncorrectStatus.Vpc                                 400   the VPC is not Available
Forbbiden.AttachChildInstanceAcrossUid              409   another account's VPC without its owner's grant
                                                          (AttachCenChildInstance's code)
InvalidOperation.ChildInstanceAlreadyAttached       409   the VPC is attached to this router already
IllegalParam.ZoneMappings                           400   no, more than 10, or unknown zone mappings
IllegalParam.ZoneId                                 400   a zone of another region or without routers
Duplicated.ZoneMapping                              400   a zone given twice
InvalidVSwitchId.NotFound                           404   the vSwitch is not one of the VPC's
IllegalParam.VSwitchId                              400   the vSwitch is in another zone than named
IncorrectStatus.VpcSwitch                           409   the vSwitch is not Available
IllegalParam.ChargeType                             400   ChargeType other than POSTPAY
IllegalParam.Ipv6Support                            400   ipv6Support other than enable / disable
OperationFailed.VSwitchIpv6CidrNotAllocated         400   ipv6Support enable (no vSwitch has IPv6 here)
InvalidTransitRouterAttachmentId.NotFound           400   the attachment is not the caller's
OperationFailed.AttachmentReferencedVpcRouteEntry-  400   deleting an attachment a VPC route points at
Existed
OperationFailed.RouteEntryExist                     400   ... a static router route points at; deleting a
                                                          table that has static routes
OperationFailed.RouteTableAssociationExist          400   ... that is associated (without Force); an
                                                          attachment associated on that router already;
                                                          deleting a table with associations
OperationFailed.RouteTablePropagationExist          400   ... that propagates (without Force); enabling
                                                          twice; deleting a table with propagations
InvalidPeerTransitRouterId.NotFound                 400   the peer router is not one of the CEN's
IllegalParam.PeerTransitRouterId                    400   both routers are in one region
IllegalParam.PeerRegionId                           400   PeerTransitRouterRegionId is not the peer's region
IllegalParam.BandwidthType / IllegalParam.Bandwidth 400   a type other than BandwidthPackage/DataTransfer;
                                                          a bandwidth below 1
IllegalParam.CenBandwidthPackageId                  400   BandwidthPackage without a package of the owner
InvalidOperation.BwpNotAssociated                   400   the package is not the CEN's or not for the span
MissingParam.Bandwidth                              400   BandwidthPackage without Bandwidth
InvalidOperation.BwpBandwidthExceeded               400   more than the package has left
ParameterIllegal.CdtDefaultLinkTypeOnlySupport-     400   DefaultLinkType other than Gold / Platinum
PlatinumOrGold
ParameterIllegal.BandwidthPackageDefaultLinkType-   400   Platinum with a bandwidth package
OnlySupportGold
IllegalParam.TransitRouterDestinationCidrBlock      400   a static route's destination is no CIDR block
IllegalParam.NextHopType                            400   a next hop type other than BlackHole / Attachment
ParamExclusive.NextHopTypeBlackHoleAndNextHopId     400   BlackHole with a next hop id
MissingParam.TransitRouterRouteEntryNextHopId       400   Attachment without a next hop id
InvalidTransitRouterRouteEntryNextHopId.NotFound    400   the next hop is not an attachment of the router
InstanceExist.TransitRouterRouteEntry               400   the same static route twice
OperationFailed.CreateRouteEntryWithSame-           400   a static route to the same destination, another
DestinationCidrBlock                                      next hop
InvalidName / InvalidDescription                    400   a route's name or description breaks the rules
ParamExclusive.RouteEntryIdAndRouteTableIdOr-       400   delete names a route by id and by table
DestCidrBlock
IllegalParam.TransitRouterRouteEntryId              400   no such static route (Terraform's not-found code)
InvalidRouteTableId.NotFound                        404   associate/propagate: the table is not the caller's
InvalidAttachmentId.NotFound                        404   associate/propagate: the attachment is not
IllegalParam.TransitRouterTableId                   400   table and attachment on different routers
IllegalParam.TransitRouterRouteTableId              400   deleting the System route table
InvalidTransitRouterRouteTableId.NotFound           400   the route table is not the caller's
InvalidInstanceId.NotFound                          404   grant/revoke: the instance is not the caller's
                                                          (VPN and ECR instances are not modelled), or
                                                          there is no such grant
ResourceAlreadyExist.GrantRule                      400   granting the same CEN twice
IncorrectStatus                                     400   revoking while the instance is attached
InvalidParameter                                    400   any other invalid value; dissociating or
                                                          disabling a link that does not exist
==================================================  ====  ==============================================

The documentation leaves the zone count open: a VPC attachment takes one zone mapping or more
(two are recommended where the region has two zones with routers), since a real client may send one.
"""
