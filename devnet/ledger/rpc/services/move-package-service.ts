import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { Ledger } from '../../core/ledger.js';
import type { MoveType } from '../../core/move/type-parser.js';
import type { Ability } from '../../core/natives/native-types.js';
import type { ResolvedParam } from '../../core/natives/registry.js';
import { type RpcRouter, RpcStatusError, StatusCode, SuiServices } from '../grpc/index.js';

const BODY: Record<string, GrpcTypes.OpenSignatureBody_Type> = {
  address: GrpcTypes.OpenSignatureBody_Type.ADDRESS,
  signer: GrpcTypes.OpenSignatureBody_Type.ADDRESS,
  bool: GrpcTypes.OpenSignatureBody_Type.BOOL,
  u8: GrpcTypes.OpenSignatureBody_Type.U8,
  u16: GrpcTypes.OpenSignatureBody_Type.U16,
  u32: GrpcTypes.OpenSignatureBody_Type.U32,
  u64: GrpcTypes.OpenSignatureBody_Type.U64,
  u128: GrpcTypes.OpenSignatureBody_Type.U128,
  u256: GrpcTypes.OpenSignatureBody_Type.U256,
};

const ABILITY: Record<Ability, GrpcTypes.Ability> = {
  copy: GrpcTypes.Ability.COPY,
  drop: GrpcTypes.Ability.DROP,
  store: GrpcTypes.Ability.STORE,
  key: GrpcTypes.Ability.KEY,
};

/** A Move type as the normalized signature body clients read. */
export function signatureBody(type: MoveType): GrpcTypes.OpenSignatureBody {
  switch (type.kind) {
    case 'vector':
      return {
        type: GrpcTypes.OpenSignatureBody_Type.VECTOR,
        typeParameterInstantiation: [signatureBody(type.element)],
      };
    case 'struct':
      return {
        type: GrpcTypes.OpenSignatureBody_Type.DATATYPE,
        typeName: `${type.address}::${type.module}::${type.name}`,
        typeParameterInstantiation: type.typeArgs.map(signatureBody),
      };
    case 'param':
      return {
        type: GrpcTypes.OpenSignatureBody_Type.TYPE_PARAMETER,
        typeParameter: type.index,
        typeParameterInstantiation: [],
      };
    default:
      return { type: BODY[type.kind]!, typeParameterInstantiation: [] };
  }
}

function openSignature(param: ResolvedParam): GrpcTypes.OpenSignature {
  const reference =
    param.reference === 'mut'
      ? GrpcTypes.OpenSignature_Reference.MUTABLE
      : param.reference === 'imm'
        ? GrpcTypes.OpenSignature_Reference.IMMUTABLE
        : undefined;
  return { ...(reference !== undefined ? { reference } : {}), body: signatureBody(param.type) };
}

/** Registers MovePackageService.GetFunction, answered from the native registry. */
export function registerMovePackageService(router: RpcRouter, ledger: Ledger): void {
  router.unary(SuiServices.MovePackageService, 'GetFunction', (request) => {
    if (!request.packageId || !request.moduleName || !request.name) {
      throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'package_id, module_name and name are required');
    }
    const packageId = normalizeSuiAddress(request.packageId);
    const fn = ledger.registry.function(packageId, request.moduleName, request.name);
    if (!fn) {
      const where = ledger.registry.module(packageId, request.moduleName)
        ? `Function ${request.name} not found in module ${request.moduleName}`
        : ledger.registry.hasPackage(packageId)
          ? `Module ${request.moduleName} not found in package ${packageId}`
          : `Package ${packageId} not found`;
      throw RpcStatusError.notFound(where);
    }
    const visibility =
      fn.def.visibility === 'public'
        ? GrpcTypes.FunctionDescriptor_Visibility.PUBLIC
        : fn.def.visibility === 'friend'
          ? GrpcTypes.FunctionDescriptor_Visibility.FRIEND
          : GrpcTypes.FunctionDescriptor_Visibility.PRIVATE;
    return {
      function: {
        name: fn.def.name,
        visibility,
        isEntry: fn.def.isEntry,
        typeParameters: fn.def.typeParams.map((p) => ({
          constraints: p.abilities.map((a) => ABILITY[a]),
          isPhantom: false,
        })),
        parameters: fn.params.map(openSignature),
        returns: fn.returns.map(openSignature),
      },
    };
  });
}
