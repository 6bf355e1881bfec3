import AzureDevOps from '../../../src/providers/azure-devops.js'
import SAMLJackson from '../../../src/providers/boxyhq-saml.js'
import Bungie from '../../../src/providers/bungie.js'
import ClickUp from '../../../src/providers/click-up.js'
import Dropbox from '../../../src/providers/dropbox.js'
import Foursquare from '../../../src/providers/foursquare.js'
import HubSpot from '../../../src/providers/hubspot.js'
import Mailchimp from '../../../src/providers/mailchimp.js'
import Mailru from '../../../src/providers/mailru.js'
import Mastodon from '../../../src/providers/mastodon.js'
import Mattermost from '../../../src/providers/mattermost.js'
import NetSuite from '../../../src/providers/netsuite.js'
import Nextcloud from '../../../src/providers/nextcloud.js'
import Osso from '../../../src/providers/osso.js'
import TikTok from '../../../src/providers/tiktok.js'
import Todoist from '../../../src/providers/todoist.js'
import Trakt from '../../../src/providers/trakt.js'
import VK from '../../../src/providers/vk.js'
import Webex from '../../../src/providers/webex.js'
import WeChat from '../../../src/providers/wechat.js'
import WorkOS from '../../../src/providers/workos.js'
import Yandex from '../../../src/providers/yandex.js'
import Zoho from '../../../src/providers/zoho.js'
import type { ProviderCase } from './types.js'

/** Providers on their own server (`issuer`), or whose profile API is not a plain bearer GET. */
export const customCases: ProviderCase[] = [
  {
    name: 'azure-devops',
    create: AzureDevOps,
    options: { tenantId: '9188040d-6c67-4c5b-b112-36a304b66dad' },
    profile: { sub: 'AAAAdevops', name: 'Abe Lincoln', preferred_username: 'abeli@contoso.com', tid: '9188040d-6c67-4c5b-b112-36a304b66dad' },
    user: { id: 'AAAAdevops', name: 'Abe Lincoln', email: 'abeli@contoso.com', image: null, emailVerified: false },
    issuer: 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
    scope: 'openid profile email offline_access 499b84ac-1321-427f-aa17-267ca6975798/vso.profile',
  },
  {
    name: 'boxyhq-saml',
    create: SAMLJackson,
    options: { issuer: 'https://jackson.acme.example' },
    profile: { id: 'b1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', requested: { tenant: 'acme', product: 'app' } },
    user: { id: 'b1', name: 'Ada Lovelace', email: 'ada@example.com', image: null, emailVerified: false },
    authorization: 'https://jackson.acme.example/api/oauth/authorize',
    userinfo: 'https://jackson.acme.example/api/oauth/userinfo',
    clientAuth: 'post',
  },
  {
    name: 'bungie',
    create: Bungie,
    options: { apiKey: 'bungie-api-key' },
    profile: { Response: { bungieNetUser: { membershipId: '4611686018', uniqueName: 'Guardian#1234', displayName: 'Guardian', profilePicturePath: '/img/profile/avatars/default_avatar.gif' }, destinyMemberships: [] }, ErrorCode: 1 },
    user: { id: '4611686018', name: 'Guardian#1234', email: null, image: 'https://www.bungie.net/img/profile/avatars/default_avatar.gif', emailVerified: false },
    authorization: 'https://www.bungie.net/en/OAuth/Authorize',
    clientAuth: 'post',
  },
  {
    name: 'click-up',
    create: ClickUp,
    profile: { user: { id: 123, username: 'John Doe', email: 'johndoe@gmail.com', color: '#000000', profilePicture: 'https://attachments.clickup.com/profilePictures/123.jpg' } },
    user: { id: '123', name: 'John Doe', email: 'johndoe@gmail.com', image: 'https://attachments.clickup.com/profilePictures/123.jpg', emailVerified: false },
    authorization: 'https://app.clickup.com/api',
    clientAuth: 'post',
  },
  {
    name: 'dropbox',
    create: Dropbox,
    profile: { account_id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc', name: { given_name: 'Franz', surname: 'Ferdinand', familiar_name: 'Franz', display_name: 'Franz Ferdinand (Personal)', abbreviated_name: 'FF' }, email: 'franz@dropbox.com', email_verified: true, disabled: false, profile_photo_url: 'https://dl-web.dropbox.com/account_photo/get/dbaphid%3AAAHWGmIXV3sUuOmBfTz0wPsiqHUpBWvv3ZA?vers=1556069330102&size=128x128' },
    user: { id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc', name: 'Franz Ferdinand (Personal)', email: 'franz@dropbox.com', image: 'https://dl-web.dropbox.com/account_photo/get/dbaphid%3AAAHWGmIXV3sUuOmBfTz0wPsiqHUpBWvv3ZA?vers=1556069330102&size=128x128', emailVerified: true },
    authorization: 'https://www.dropbox.com/oauth2/authorize',
    token: 'https://api.dropboxapi.com/oauth2/token',
    scope: 'account_info.read',
  },
  {
    name: 'foursquare',
    create: Foursquare,
    profile: { meta: { code: 200 }, response: { user: { id: '1234', firstName: 'Ada', lastName: 'Lovelace', contact: { email: 'ada@example.com' }, photo: { prefix: 'https://fastly.4sqi.net/img/user/', suffix: '/ada.jpg' } } } },
    user: { id: '1234', name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://fastly.4sqi.net/img/user/original/ada.jpg', emailVerified: false },
    authorization: 'https://foursquare.com/oauth2/authenticate',
    clientAuth: 'post',
  },
  {
    name: 'hubspot',
    create: HubSpot,
    profile: { token: 'stand-in-access-token', user: 'test@hubspot.com', hub_domain: 'demo.hubapi.com', scopes: ['oauth'], hub_id: 62515, app_id: 456, expires_in: 21588, user_id: 123, token_type: 'access' },
    user: { id: '123', name: 'test@hubspot.com', email: 'test@hubspot.com', image: null, emailVerified: false },
    authorization: 'https://app.hubspot.com/oauth/authorize',
    token: 'https://api.hubapi.com/oauth/v1/token',
    scope: 'oauth',
    clientAuth: 'post',
  },
  {
    name: 'mailchimp',
    create: Mailchimp,
    profile: { dc: 'us1', role: 'owner', accountname: 'Acme', user_id: 8675309, login: { email: 'ada@example.com', avatar: null, login_id: 1234, login_name: 'ada', login_email: 'ada@example.com' }, api_endpoint: 'https://us1.api.mailchimp.com' },
    user: { id: '1234', name: 'ada', email: 'ada@example.com', image: null, emailVerified: false },
    authorization: 'https://login.mailchimp.com/oauth2/authorize',
    clientAuth: 'post',
  },
  {
    name: 'mailru',
    create: Mailru,
    profile: { id: '123456789', email: 'ada@mail.ru', name: 'Ada Lovelace', first_name: 'Ada', last_name: 'Lovelace', nickname: 'ada', image: 'https://filin.mail.ru/pic?d=ada' },
    user: { id: '123456789', name: 'Ada Lovelace', email: 'ada@mail.ru', image: 'https://filin.mail.ru/pic?d=ada', emailVerified: false },
    authorization: 'https://oauth.mail.ru/login',
  },
  {
    name: 'mastodon',
    create: Mastodon,
    options: { issuer: 'https://mastodon.social/' },
    profile: { id: '14715', username: 'trwnh', acct: 'trwnh', display_name: 'infinite love ⴳ', avatar: 'https://files.mastodon.social/accounts/avatars/000/014/715/original/34aa222f4ae2e0a9.png', url: 'https://mastodon.social/@trwnh' },
    user: { id: '14715', name: 'infinite love ⴳ', email: null, image: 'https://files.mastodon.social/accounts/avatars/000/014/715/original/34aa222f4ae2e0a9.png', emailVerified: false },
    authorization: 'https://mastodon.social/oauth/authorize',
    userinfo: 'https://mastodon.social/api/v1/accounts/verify_credentials',
    scope: 'read:accounts',
    clientAuth: 'post',
  },
  {
    name: 'mattermost',
    create: Mattermost,
    options: { issuer: 'https://chat.acme.example' },
    profile: { id: 'hdaqi9s3ntf1pnw6azsa7u3tgr', username: 'ada', email: 'ada@example.com', email_verified: true, nickname: 'Ada', first_name: 'Ada', last_name: 'Lovelace', roles: 'system_user' },
    user: { id: 'hdaqi9s3ntf1pnw6azsa7u3tgr', name: 'Ada Lovelace', email: 'ada@example.com', image: null, emailVerified: true },
    token: 'https://chat.acme.example/oauth/access_token',
    clientAuth: 'post',
  },
  {
    name: 'netsuite',
    create: NetSuite,
    options: { accountID: 'TSTDRV1234567', userinfo: 'https://tstdrv1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=customscript_me&deploy=1' },
    profile: { id: 4, name: 'Ada Lovelace', email: 'ada@example.com', location: 1, role: 3, roleId: 'administrator', roleCenter: 'BASIC', subsidiary: 1 },
    user: { id: '4', name: 'Ada Lovelace', email: 'ada@example.com', image: null, emailVerified: false },
    authorization: 'https://tstdrv1234567.app.netsuite.com/app/login/oauth2/authorize.nl',
    token: 'https://tstdrv1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
    scope: 'restlets rest_webservices',
  },
  {
    name: 'nextcloud',
    create: Nextcloud,
    options: { issuer: 'https://cloud.acme.example' },
    profile: { ocs: { meta: { status: 'ok', statuscode: 200 }, data: { enabled: true, id: 'ada', displayname: 'Ada Lovelace', email: 'ada@example.com' } } },
    user: { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://cloud.acme.example/index.php/avatar/ada/64', emailVerified: false },
    authorization: 'https://cloud.acme.example/index.php/apps/oauth2/authorize',
    clientAuth: 'post',
  },
  {
    name: 'osso',
    create: Osso,
    options: { issuer: 'https://demo.ossoapp.com' },
    profile: { id: '3f3d3d6e-2b5a-4c4e-9b4a-1f2e3d4c5b6a', email: 'ada@example.com', idp: 'Okta', requested: { domain: 'example.com' } },
    user: { id: '3f3d3d6e-2b5a-4c4e-9b4a-1f2e3d4c5b6a', name: null, email: 'ada@example.com', image: null, emailVerified: false },
    userinfo: 'https://demo.ossoapp.com/oauth/me',
    clientAuth: 'post',
  },
  {
    name: 'tiktok',
    create: TikTok,
    profile: { data: { user: { open_id: '723f24d7-e717-40f8-a2b6-cb8464cd23b4', union_id: 'c9c60f44-a68e-4f5d-84dd-ce22faeb0ba1', avatar_url: 'https://p19-sign.tiktokcdn-us.com/tos-useast5-avt-0068-tx/b17f0e4b3a4f4a50993cf72cda8b88b8~c5_168x168.jpeg', display_name: 'Tik Toker' } }, error: { code: 'ok', message: '' } },
    user: { id: '723f24d7-e717-40f8-a2b6-cb8464cd23b4', name: 'Tik Toker', email: null, image: 'https://p19-sign.tiktokcdn-us.com/tos-useast5-avt-0068-tx/b17f0e4b3a4f4a50993cf72cda8b88b8~c5_168x168.jpeg', emailVerified: false },
    authorization: 'https://www.tiktok.com/v2/auth/authorize/',
    token: 'https://open.tiktokapis.com/v2/oauth/token/',
    scope: 'user.info.basic',
    clientAuth: 'post',
  },
  {
    name: 'todoist',
    create: Todoist,
    profile: { sync_token: 'abc', user: { id: '2671355', email: 'me@example.com', full_name: 'Example User', avatar_big: 'https://dcff1xvirvpfp.cloudfront.net/abc_big.jpg' } },
    merged: { id: '2671355', email: 'me@example.com', full_name: 'Example User', avatar_big: 'https://dcff1xvirvpfp.cloudfront.net/abc_big.jpg' },
    user: { id: '2671355', name: 'Example User', email: 'me@example.com', image: 'https://dcff1xvirvpfp.cloudfront.net/abc_big.jpg', emailVerified: false },
    authorization: 'https://todoist.com/oauth/authorize',
    scope: 'data:read',
    clientAuth: 'post',
  },
  {
    name: 'trakt',
    create: Trakt,
    profile: { username: 'sean', private: false, name: 'Sean Rudford', vip: true, ids: { slug: 'sean', uuid: '5c2b0b8d-2f07-4b5a-9c43-2f0e0f4b7a1e' }, images: { avatar: { full: 'https://walter.trakt.tv/images/users/000/002/297/avatars/large/cf012eb8b8.jpg' } } },
    user: { id: '5c2b0b8d-2f07-4b5a-9c43-2f0e0f4b7a1e', name: 'Sean Rudford', email: null, image: 'https://walter.trakt.tv/images/users/000/002/297/avatars/large/cf012eb8b8.jpg', emailVerified: false },
    token: 'https://api.trakt.tv/oauth/token',
    clientAuth: 'post',
  },
  {
    name: 'vk',
    create: VK,
    profile: { response: [{ id: 210700286, first_name: 'Lindsey', last_name: 'Stirling', photo_100: 'https://sun9-1.userapi.com/lindsey.jpg', screen_name: 'lindseystirling' }] },
    tokenExtra: { user_id: 210700286, email: 'lindsey@example.com' },
    user: { id: '210700286', name: 'Lindsey Stirling', email: 'lindsey@example.com', image: 'https://sun9-1.userapi.com/lindsey.jpg', emailVerified: false },
    authorization: 'https://oauth.vk.com/authorize',
    scope: 'email',
    clientAuth: 'post',
  },
  {
    name: 'webex',
    create: Webex,
    profile: { id: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY', emails: ['john.andersen@example.com'], displayName: 'John Andersen', avatar: 'https://1efa7a94ed21783e352-c62266528714497a17239ececf39e9e2.ssl.cf1.rackcdn.com/V1~54c844c89e678e5a7b16a306bc2897b9~wx29yGtlTpilEFlYzqPKag==~1600' },
    user: { id: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY', name: 'John Andersen', email: 'john.andersen@example.com', image: 'https://1efa7a94ed21783e352-c62266528714497a17239ececf39e9e2.ssl.cf1.rackcdn.com/V1~54c844c89e678e5a7b16a306bc2897b9~wx29yGtlTpilEFlYzqPKag==~1600', emailVerified: false },
    authorization: 'https://webexapis.com/v1/authorize',
    userinfo: 'https://webexapis.com/v1/people/me',
    clientAuth: 'post',
  },
  {
    name: 'workos',
    create: WorkOS,
    options: { connection: 'conn_01E4ZCR3C56J083X43JQXF3JK5' },
    profile: { object: 'profile', id: 'prof_01DMC79VCBZ0NY2099737PSVF1', connection_id: 'conn_01E4ZCR3C56J083X43JQXF3JK5', connection_type: 'OktaSAML', organization_id: 'org_01EHWNCE74X7JSDV0X3SZ3KJNY', email: 'todd@example.com', first_name: 'Todd', last_name: 'Rundgren', idp_id: '00u1a0ufowBJlzPlk357', raw_attributes: {} },
    tokenExtra: { profile: { object: 'profile', id: 'prof_01DMC79VCBZ0NY2099737PSVF1', connection_id: 'conn_01E4ZCR3C56J083X43JQXF3JK5', connection_type: 'OktaSAML', email: 'todd@example.com', first_name: 'Todd', last_name: 'Rundgren' } },
    user: { id: 'prof_01DMC79VCBZ0NY2099737PSVF1', name: 'Todd Rundgren', email: 'todd@example.com', image: null, emailVerified: false },
    authorization: 'https://api.workos.com/sso/authorize',
    token: 'https://api.workos.com/sso/token',
    clientAuth: 'post',
  },
  {
    name: 'yandex',
    create: Yandex,
    profile: { login: 'ivan', id: '1000034426', client_id: '4760187d81bc4b7799476b42b5103713', display_name: 'Ivan', real_name: 'Ivan Ivanov', first_name: 'Ivan', last_name: 'Ivanov', default_email: 'test@yandex.ru', emails: ['test@yandex.ru'], default_avatar_id: '131652443', is_avatar_empty: false },
    user: { id: '1000034426', name: 'Ivan', email: 'test@yandex.ru', image: 'https://avatars.yandex.net/get-yapic/131652443/islands-200', emailVerified: false },
    authorization: 'https://oauth.yandex.ru/authorize',
    token: 'https://oauth.yandex.ru/token',
  },
  {
    name: 'zoho',
    create: Zoho,
    profile: { First_Name: 'Ada', Email: 'ada@example.com', Last_Name: 'Lovelace', Display_Name: 'ada', ZUID: 10101010 },
    user: { id: '10101010', name: 'ada', email: 'ada@example.com', image: null, emailVerified: false },
    authorization: 'https://accounts.zoho.com/oauth/v2/auth',
    scope: 'AaaServer.profile.Read',
    clientAuth: 'post',
  },
  {
    name: 'wechat',
    create: WeChat,
    providerFetch: true,
    profile: { openid: 'OPENID', nickname: 'NICKNAME', sex: 1, province: 'PROVINCE', city: 'CITY', country: 'COUNTRY', headimgurl: 'https://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/0', privilege: [], unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL' },
    tokenExtra: { openid: 'OPENID', scope: 'snsapi_login', unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL' },
    user: { id: 'o6_bmasdasdsad6_2sgVt7hMZOPfL', name: 'NICKNAME', email: null, image: 'https://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/0', emailVerified: false },
    authorization: 'https://open.weixin.qq.com/connect/qrconnect#wechat_redirect',
    scope: 'snsapi_login',
    checks: ['state'],
    clientAuth: 'post',
  },
]
