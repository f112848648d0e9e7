import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { JWK } from 'jose';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const ID = /^[a-z0-9-]{1,64}$/;

export class PartnerKeyDto {
  @ApiProperty({ example: 'sig-5f0c…', description: 'The key id the partner puts in its headers' })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'kid must be 1-128 letters, digits, dots, dashes or colons' })
  kid: string;

  @ApiProperty({ enum: ['sig', 'enc'], description: 'sig: Ed25519 (EdDSA); enc: X25519 (ECDH-ES+A256KW)' })
  @IsIn(['sig', 'enc'], { message: 'use must be sig or enc' })
  use: 'sig' | 'enc';

  @ApiProperty({ description: 'The public key as a JWK (kty OKP)' })
  @IsObject({ message: 'jwk must be a JSON Web Key object' })
  jwk: JWK;

  @ApiPropertyOptional({
    enum: ['active', 'previous'],
    description: "As the partner's GET /referral/keys lists it; ignored (a key is active here until revoked here)",
  })
  @IsOptional()
  @IsIn(['active', 'previous'], { message: 'status, when given, is active or previous' })
  status?: string;
}

export class PartnerAcceptsDto {
  @ApiProperty({ example: 'adpare' })
  @Matches(ID, { message: 'agency must be an agency id' })
  agency: string;

  @ApiProperty({ example: ['shelter-admission'], description: 'The receiving SOPs this agency takes referrals for' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(ID, { each: true, message: 'sops must be SOP ids' })
  sops: string[];
}

export class PartnerDto {
  @ApiProperty({ example: 'ro-adpare', description: "The partner deployment's id (its REFERRAL_DEPLOYMENT_ID)" })
  @Matches(ID, { message: 'id must be lower-case letters, digits and dashes (the partner deployment id)' })
  id: string;

  @ApiProperty({ example: 'ADPARE, Romania' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'RO', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiProperty({ example: 'https://waymark.adpare.example', description: 'Where its receiving endpoint lives' })
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'baseUrl must be an http(s) URL without query' })
  baseUrl: string;

  @ApiProperty({ type: [PartnerKeyDto], description: 'Public keys (added to those known; never dropped here)' })
  @IsArray()
  @ArrayNotEmpty({ message: 'keys must hold at least a signing and an encryption key' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartnerKeyDto)
  keys: PartnerKeyDto[];

  @ApiProperty({ type: [PartnerAcceptsDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PartnerAcceptsDto)
  accepts: PartnerAcceptsDto[];
}

export class SendReferralDto {
  @ApiProperty({ example: 'ro-adpare', description: 'The partner deployment (GET /referral/partners)' })
  @Matches(ID, { message: 'partner must be a partner id' })
  partner: string;

  @ApiProperty({ example: 'adpare', description: "The partner's receiving agency" })
  @Matches(ID, { message: 'agency must be an agency id' })
  agency: string;

  @ApiProperty({ example: 'shelter-admission', description: 'The receiving SOP: the packet carries only its intake' })
  @Matches(ID, { message: 'sop must be an SOP id' })
  sop: string;

  @ApiProperty({ description: "The person's active sharing consent naming this partner's agency (sharedWithPartner)" })
  @IsUUID('all', { message: 'consentId must be a UUID' })
  consentId: string;

  @ApiProperty({ example: 'P1', description: "The person's code in the case (never a name)" })
  @Matches(/^P[0-9]{1,6}$/, { message: 'personCode must be a person code such as P1' })
  personCode: string;

  @ApiProperty({ description: "The receiving SOP's intake fields, nothing else" })
  @IsObject({ message: 'fields must be an object of the receiving intake fields' })
  fields: Record<string, unknown>;
}

export class ReferralDecisionDto {
  @ApiProperty({ enum: ['accepted', 'declined'] })
  @IsIn(['accepted', 'declined'], { message: 'decision must be accepted or declined' })
  decision: 'accepted' | 'declined';

  @ApiPropertyOptional({ example: 'no-capacity', description: 'Required when declined: a reason code' })
  @ValidateIf((o: ReferralDecisionDto) => o.decision === 'declined' || o.reason !== undefined)
  @Matches(ID, { message: 'reason must be a reason code (lower-case letters, digits, dashes), required to decline' })
  reason?: string;
}

export class ReferralStatusDto {
  @ApiProperty({ enum: ['person-arrived', 'closed'] })
  @IsIn(['person-arrived', 'closed'], { message: 'status must be person-arrived or closed' })
  status: 'person-arrived' | 'closed';
}

export class InboxDto {
  @ApiProperty({ description: 'A packet: compact JWE (encrypted to us) around a compact JWS (signed by the sender)' })
  @IsString({ message: 'packet must be a string (compact JWE)' })
  packet: string;
}
