"""Cloud Enterprise Network (CBN 2017-09-12), one module per resource kind.

=====================  ==========================================================
module                 kind (world table)
=====================  ==========================================================
cens.py                CEN instances (``cen``)
attachments.py         Basic-edition child-instance attachments (``cen_attachment``)
grants.py              grant listings, the CEN's side (the ``grant`` table is VPC's)
bandwidth_packages.py  bandwidth packages (``cen_bwp``)
bandwidth_limits.py    inter-region bandwidth limits (``cen_limit``)
geography.py           geographic spans and region membership (no table)
tags.py                the tag calls of CENs and bandwidth packages
shared.py              errors, lookups, the one-operation-at-a-time rule
=====================  ==========================================================

The states, rules and error codes of the real service:

States (each transition settles after the world's transition time):

* CEN: ``Creating -> Active``; ModifyCenAttribute ``Modifying -> Active``;
  DeleteCen ``Deleting -> gone``.
* attachment: ``Attaching -> Attached``; DetachCenChildInstance ``Detaching -> gone``.
* bandwidth package: ``Idle`` (free) / ``InUse`` (associated with one CEN); both
  changes are immediate.
* inter-region limit: ``Modifying -> Active``; a limit of 0 ``Modifying -> gone``.

One operation at a time per CEN: while the CEN is ``Modifying``, or one of its
attachments is ``Attaching``/``Detaching``, or one of its limits is
``Modifying``, a further modify/attach/detach/associate/unassociate/limit/delete
on it gets ``Operation.Blocking``. A CEN that is ``Creating`` or ``Deleting``
accepts queries only: ``InvalidOperation.CenInstanceStatus``.

Error codes, and where each comes from (API reference pages, the CEN error
centre, or the codes Terraform's provider matches on):

==============================================  ====  ===================================================
code                                            HTTP  when
==============================================  ====  ===================================================
ParameterCenInstanceId                          400   the CEN does not exist for the caller (Terraform's not-found code)
ParameterBwpInstanceId                          400   the bandwidth package does not exist for the caller
ParameterInstanceId                             400   the child instance is unknown, or not attached to this CEN
ParameterIllegal.ChildInstanceType              400   ChildInstanceType is not VPC, VBR or CCN
IllegalParam.RegionId                           400   ChildInstanceRegionId is not a region
ParameterIllegal.RegionId                       400   a limit's region is not a region
ParameterIllegal.BandwidthLimit                 400   a limit below 0, above the package, or over the package's total
InvalidOperation.CenInstanceStatus              400   the CEN is Creating or Deleting
Operation.Blocking                              400   another operation on the CEN is in progress
InvalidOperation.EnhanceProtectionLevel         400   ModifyCenAttribute asks for ProtectionLevel FULL
Forbbiden.AttachChildInstanceAcrossUid          409   another account's instance without a grant (the service's spelling)
InvalidOperation.ChildInstanceAlreadyAttached   409   the instance is attached to a CEN already
InvalidOperation.ChildInstanceRIAlreadyExist    409   the VPC has router interfaces (Express Connect)
OperationFailed.InvalidVpcStatus                400   the VPC is not Available
InvalidOperation.BwpForGeoSpanAlreadyAssociated 409   the CEN already holds a package for that geographic span
InvalidOperation.BwpInstanceStatus              403   the package is associated (delete, associate) or not with this CEN
InvalidOperation.CenBandwidthLimitsNotZero      400   unassociating while limits remain in the package's span
Forbidden.Release                               403   deleting a PREPAY package inside its term
UnSupported.ChargeType                          400   a charge type other than PREPAY / POSTPAY
InvalidTagKey / InvalidTagValue                 400   a tag breaks the length or reserved-prefix rules
InvalidParameter                                400   any other invalid value (the generic validation code)
==============================================  ====  ===================================================

Two refusals have no code in the public documentation, so they use the
service's own naming pattern: DeleteCen with attachments left gets
``InvalidOperation.AttachedChildInstanceExist`` (the code the service answers
for the same situation on a transit router) and DeleteCen with a bandwidth
package still associated gets ``InvalidOperation.CenBandwidthPackageAssociated``.
SetCenInterRegionBandwidthLimit without a package for the span gets
``InvalidParameter`` with a message that says so. Where the documentation gives
no HTTP status (the ``Parameter*`` not-found codes, ``Operation.Blocking``) the
emulator answers 400, as Terraform's handling of those codes implies (they are
not treated as 404s).
"""
