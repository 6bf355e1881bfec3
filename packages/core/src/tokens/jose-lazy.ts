/** jose's general JWE code, loaded only for tokens that are not the session cookie's own shape (see jwe-cbc.ts). */
export { EncryptJWT, jwtDecrypt } from 'jose'
